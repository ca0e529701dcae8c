package io.einstruct.search.study;

import io.einstruct.train.run.TrainConfig;

/**
 * One trial of a study: a complete training configuration and what it will cost.
 *
 * @param number its place in the study, from 0
 * @param key SHA-256 of its configuration: a study never holds two trials with the same key
 * @param label the structure as shown in tables, e.g. {@code btt rank=2}
 * @param group trials that differ only in learning rate or seed, which the pruner compares
 * @param width model width
 * @param lr base learning rate
 * @param seed seed
 * @param config the full configuration
 * @param params trainable parameters
 * @param forwardMacs forward multiply-adds per example
 * @param flops estimated training FLOPs: 6 × forward MACs × examples
 * @param headMacs the head's share of {@code forwardMacs}
 */
public record TrialSpec(
    int number,
    String key,
    String label,
    String group,
    int width,
    double lr,
    long seed,
    TrainConfig config,
    long params,
    long forwardMacs,
    double flops,
    long headMacs) {}
