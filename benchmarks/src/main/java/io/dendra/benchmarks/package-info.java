/** JMH benchmarks (issue 8 fills this module). */
package io.dendra.benchmarks;
