/** Chip targets: limits, number formats, timing and energy tables (issue 3 fills this module). */
package io.dendra.targets;
