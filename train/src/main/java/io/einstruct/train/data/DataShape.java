package io.einstruct.train.data;

/**
 * What a dataset looks like to a model, known without loading it.
 *
 * @param features features per example
 * @param outputs classes, or regression outputs
 * @param trainSize training examples (per epoch, for the teacher task)
 */
public record DataShape(int features, int outputs, int trainSize) {}
