/**
 * Optimisation: Adam/AdamW built into the graph with one learning rate per variable (base rate
 * times the μP scale each {@link io.einstruct.train.compile.Parameter} carries), decoupled weight
 * decay, global-norm clipping, and the learning-rate {@link Schedule}.
 */
package io.einstruct.train.optim;
