/** The cycle-level chip simulator (issue 5 fills this module). */
package io.dendra.simulator;
