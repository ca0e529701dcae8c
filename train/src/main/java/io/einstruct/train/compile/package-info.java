/**
 * The layer compiler: a {@link io.einstruct.dsl.model.Structure} and its contraction plan become
 * TensorFlow ops — one two-operand {@code Einsum} (or reshape/transpose/{@code BatchMatMul}) per
 * plan step — over resource variables initialised from μP, with optional weight normalisation,
 * bias, padding and mixture-of-experts routing. {@link Parameters} owns every variable of a graph
 * with the learning-rate scale μP gives it.
 */
package io.einstruct.train.compile;
