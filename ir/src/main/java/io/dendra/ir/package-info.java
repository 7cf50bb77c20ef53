/** The event-driven chip IR: neuron programs now; cores, synapses, routes and the .dchip image with issue 4. */
package io.dendra.ir;
