/** The event-driven chip IR and the .dchip image format (issue 4 fills this module). */
package io.dendra.ir;
