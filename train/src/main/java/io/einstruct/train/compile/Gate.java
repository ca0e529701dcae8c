package io.einstruct.train.compile;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The router of one routed layer.
 *
 * @param layer the layer's name
 * @param probabilities softmax over all expert logits, [N, E]
 * @param weights the top-k gates (softmax over the chosen logits, 0 elsewhere), [N, E]
 * @param auxLoss E · Σ p̂·f̂ + 0.1 · mean(logsumexp²), a scalar
 */
public record Gate(
    String layer,
    Operand<TFloat32> probabilities,
    Operand<TFloat32> weights,
    Operand<TFloat32> auxLoss) {}
