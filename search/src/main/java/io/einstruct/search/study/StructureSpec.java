package io.einstruct.search.study;

import java.util.List;
import java.util.Map;

/**
 * One entry of a study's {@code structures}: exactly one of {@code builtin}, {@code file}, {@code
 * theta}, {@code theta_grid} or {@code theta_range}.
 *
 * @param builtin a built-in's name
 * @param file a {@code .ein} file, relative to the study file; its source is stored with each
 *     trial, so workers elsewhere need not have it
 * @param structure which structure of the file
 * @param params parameter values; a list is a grid of values
 * @param name a display name (default: derived)
 * @param theta one θ point, {@code (α|β|γ|δ|ε|φ|ρ)}
 * @param thetaGrid the canonical, non-degenerate θ points over these fractions
 * @param thetaRange per-class [min, max] ranges of θ, for the {@code theta-random} sampler
 * @param attention transformers: the structure of q, k, v and the attention output for this entry
 *     ({@code same} or a built-in name), over the task's
 * @param experts transformers: E whole-FFN experts per block for this entry (a standard MoE), over
 *     the task's; 0 for none
 * @param top transformers: experts per token for this entry, over the task's
 */
public record StructureSpec(
    String builtin,
    String file,
    String structure,
    Map<String, Object> params,
    String name,
    String theta,
    ThetaGridSpec thetaGrid,
    Map<String, List<Double>> thetaRange,
    String attention,
    Integer experts,
    Integer top) {

  /**
   * The θ grid over {@code fractions} (default {0, ¼, ⅓, ½, ⅔, ¾, 1}).
   *
   * @param fractions the allowed values of each entry
   */
  public record ThetaGridSpec(List<Double> fractions) {}
}
