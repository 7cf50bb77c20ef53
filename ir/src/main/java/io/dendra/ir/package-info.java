/** The event-driven chip IR: neuron programs and their fixed-point kernels, cores, synapses, routes, and the .dchip image. */
package io.dendra.ir;
