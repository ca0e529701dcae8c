/**
 * Models whose linear layers are structures: the residual MLP of compute-better-spent (and the
 * transformers), built into one graph with their loss and optimiser step, and run as a {@link
 * Model} that owns its graph and session.
 */
package io.einstruct.train.model;
