package io.einstruct.train.data;

/**
 * A training set and a test set.
 *
 * @param train the examples trained on
 * @param test the held-out examples
 */
public record Split(ImageData train, ImageData test) {}
