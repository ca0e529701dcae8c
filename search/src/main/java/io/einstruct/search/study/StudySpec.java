package io.einstruct.search.study;

import java.util.List;

/**
 * A study file.
 *
 * @param name the study's name in the store
 * @param task what every trial trains
 * @param structures the structures to compare
 * @param widths model widths
 * @param lrs base learning rates to sweep (default: the task's)
 * @param sampler how configurations are chosen (default: grid)
 * @param budget limits (default: none)
 * @param pruner early stopping (default: none)
 */
public record StudySpec(
    String name,
    TaskSpec task,
    List<StructureSpec> structures,
    List<Integer> widths,
    List<Double> lrs,
    SamplerSpec sampler,
    BudgetSpec budget,
    PrunerSpec pruner) {}
