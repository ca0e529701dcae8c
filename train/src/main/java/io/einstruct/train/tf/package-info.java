/**
 * TensorFlow plumbing with lexical lifetimes: a counting tensor factory whose tensors and fetched
 * results are {@code AutoCloseable} with one owner, device placement, and session options.
 */
package io.einstruct.train.tf;
