/** Chip targets: limits, number formats, timing and energy tables, as text files with units and sources. */
package io.dendra.targets;
