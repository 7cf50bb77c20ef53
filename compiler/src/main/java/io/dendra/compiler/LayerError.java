package io.dendra.compiler;

import io.dendra.compiler.verify.LayerAgreement;

/** How far one of the chip's layers is from the reference on the first calibration sequence. */
public record LayerError(String layer, String program, double coefficientError, double weightError, LayerAgreement output) {}
