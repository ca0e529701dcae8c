/**
 * Training with TensorFlow Java: structures compiled into graphs ({@link
 * io.einstruct.train.compile}), models built from them ({@link io.einstruct.train.model}),
 * structure-aware μP Adam ({@link io.einstruct.train.optim}), data ({@link
 * io.einstruct.train.data}) and the trainer with its metrics, checkpoints and FLOP accounting
 * ({@link io.einstruct.train.run}). TensorFlow plumbing with lexical lifetimes lives in {@link
 * io.einstruct.train.tf}.
 */
package io.einstruct.train;
