/**
 * Structure-aware μP (compute-better-spent §3): each factor of the chain is a batched dense matrix
 * whose fan-in and fan-out set its initial scale and its learning-rate multiplier.
 */
package io.einstruct.dsl.mup;
