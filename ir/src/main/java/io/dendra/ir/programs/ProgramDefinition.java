package io.dendra.ir.programs;

/**
 * What one neuron program is (DESIGN §3), as its own package defines it: the name used in target,
 * model and image files, a description with the source of its semantics, the ops of one active and
 * one inactive update and per complex state, its memory {@link Layout}, and its bit-exact
 * {@link Kernel}. {@link io.dendra.ir.NeuronProgram} lists every program by its definition.
 */
public record ProgramDefinition(String id, String description, int activeOps, int inactiveOps, int opsPerState, Layout layout, Kernel kernel) {}
