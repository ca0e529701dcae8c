package io.einstruct.dsl.plan;

/**
 * One pairwise contraction.
 *
 * @param left the first operand
 * @param right the second operand
 * @param result what it produces
 * @param einsum the step as a two-operand einsum over single letters, e.g. {@code ncd,rbcd->ncbr}
 * @param macs multiply-adds: the product of the sizes of every index the step touches
 * @param resultSize number of entries of the result
 */
public record PlanStep(
    Operand left, Operand right, Operand result, String einsum, long macs, long resultSize) {}
