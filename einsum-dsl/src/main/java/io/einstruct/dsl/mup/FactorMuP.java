package io.einstruct.dsl.mup;

/**
 * The μP prescription for one factor.
 *
 * @param factor the factor's name
 * @param fanIn product of the sizes of the indices it contracts
 * @param fanOut product of the sizes of the indices it produces
 * @param initStd the μP initial scale {@code sqrt(min(fan_in, fan_out)) / fan_in}; a zero-init
 *     factor starts at 0 and keeps this value as its weight-normalisation cap
 * @param lrMult κ, the learning-rate multiplier relative to a dense layer of the same d_in
 * @param zeroInit true if the factor starts at zero (last factor of a residual-branch output)
 */
public record FactorMuP(
    String factor, long fanIn, long fanOut, double initStd, double lrMult, boolean zeroInit) {}
