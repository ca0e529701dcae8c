package io.einstruct.train.model;

/**
 * One linear layer of a model, for summaries and FLOP accounting.
 *
 * @param name the layer's name
 * @param structure its structure's name
 * @param dIn input width
 * @param dOut output width
 * @param params learnable parameters (router included)
 * @param macs forward multiply-adds per input vector (routing and router included)
 * @param routed true if the layer has a router
 */
public record LayerInfo(
    String name, String structure, int dIn, int dOut, long params, long macs, boolean routed) {}
