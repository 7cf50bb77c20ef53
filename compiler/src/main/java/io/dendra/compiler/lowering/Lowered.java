package io.dendra.compiler.lowering;

/**
 * What lowering carries for one graph value: an affine map of something the chip sends
 * ({@link Pending}), or a value that waits for the layer it fuses with ({@link Waiting}).
 */
public interface Lowered {}
