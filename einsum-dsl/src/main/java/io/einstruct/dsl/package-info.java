/**
 * The einsum DSL of einstruct: a structured linear layer written as one Einstein summation over
 * learnable factors, and everything that can be derived from it without TensorFlow.
 *
 * <p>The stages are pure functions over data: {@link io.einstruct.dsl.syntax.Parser} turns a {@link
 * io.einstruct.dsl.Source} into declarations, {@link io.einstruct.dsl.resolve.Resolver} binds a
 * declaration to parameter values and yields an immutable {@link io.einstruct.dsl.model.Structure},
 * and {@link io.einstruct.dsl.plan.Planner} orders its contractions. Every mistake in user input is
 * an {@link EinError} carrying a {@link Diagnostic} with a source position.
 */
package io.einstruct.dsl;
