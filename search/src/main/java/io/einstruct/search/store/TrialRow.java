package io.einstruct.search.store;

/**
 * A trial as the store holds it.
 *
 * @param number its number in the study
 * @param label the structure's label
 * @param width model width
 * @param lr base learning rate
 * @param seed seed
 * @param params trainable parameters
 * @param macs forward MACs per example
 * @param flopsEstimate estimated training FLOPs
 * @param status {@code queued}, {@code running}, {@code done}, {@code failed} or {@code pruned}
 * @param worker the worker that holds or held it
 * @param attempts how many times it was claimed
 * @param error why it failed
 * @param finalTrainLoss the last evaluation's training loss
 * @param finalTestLoss the last evaluation's test loss
 * @param finalTestError the last evaluation's test error
 * @param finalFlops training FLOPs at the end
 * @param wallSeconds training time
 * @param ranOn where and how it trained (null until a worker says, and in older stores)
 */
public record TrialRow(
    int number,
    String label,
    int width,
    double lr,
    long seed,
    long params,
    long macs,
    double flopsEstimate,
    String status,
    String worker,
    int attempts,
    String error,
    Double finalTrainLoss,
    Double finalTestLoss,
    Double finalTestError,
    Double finalFlops,
    Double wallSeconds,
    RunEnvironment ranOn) {}
