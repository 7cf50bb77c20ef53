/** JMH benchmarks of the simulator and the compiler, and the whole-run benchmarks behind docs/PERFORMANCE.md. */
package io.dendra.benchmarks;
