package io.einstruct.train.model;

import io.einstruct.train.compile.Parameters;
import io.einstruct.train.optim.TrainStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a model builder produces: the graph with its parameters, feeds and the ops a {@link Model}
 * runs. Owned by the model made from it.
 *
 * @param graph the graph
 * @param parameters its variables
 * @param inputs its feeds
 * @param hidden the last hidden activation (the head's input)
 * @param dataLoss the mean data loss
 * @param auxLoss the mean load-balancing loss of the routed layers (0 without routing)
 * @param error the error rate (NaN for regression)
 * @param routerPerplexity mean per-token perplexity of the routers (NaN without routing)
 * @param routerSpread perplexity of the routers' mean distribution (NaN without routing)
 * @param step the optimiser step
 * @param info sizes and costs
 */
record ModelGraph(
    Graph graph,
    Parameters parameters,
    Inputs inputs,
    Operand<TFloat32> hidden,
    Operand<TFloat32> output,
    Operand<TFloat32> dataLoss,
    Operand<TFloat32> auxLoss,
    Operand<TFloat32> error,
    Operand<TFloat32> routerPerplexity,
    Operand<TFloat32> routerSpread,
    TrainStep step,
    ModelInfo info) {}
