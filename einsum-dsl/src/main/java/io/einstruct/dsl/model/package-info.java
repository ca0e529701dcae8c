/**
 * The immutable model of a bound structure: {@link Structure}, its {@link Index}es, its {@link
 * Factor}s in chain order, its {@link Route}s, and the {@link FactorFlow} of indices through the
 * chain from which μP and the taxonomy are derived.
 */
package io.einstruct.dsl.model;
