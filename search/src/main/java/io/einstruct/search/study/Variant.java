package io.einstruct.search.study;

import java.util.List;

/**
 * One structure with fixed parameter values, as a trial's model configuration names it.
 *
 * @param label how tables show it
 * @param structure a built-in name, or a display name when {@code source} is given
 * @param structureName which structure of the source
 * @param params parameter values as {@code NAME=VALUE}
 * @param source the DSL source inline, or null for a built-in
 * @param attention the attention structure ({@code same} or a built-in), or null: the task's
 * @param experts whole-FFN experts per block, or null: the task's
 * @param top experts per token, or null: the task's
 */
record Variant(
    String label,
    String structure,
    String structureName,
    List<String> params,
    String source,
    String attention,
    Integer experts,
    Integer top) {
  /** A structure with the task's transformer settings. */
  Variant(
      String label, String structure, String structureName, List<String> params, String source) {
    this(label, structure, structureName, params, source, null, null, null);
  }

  /** This variant with the transformer settings of its {@code structures} entry. */
  Variant with(StructureSpec s) {
    if (s.attention() == null && s.experts() == null && s.top() == null) {
      return this;
    }
    String suffix = "";
    if (s.name() == null) {
      suffix += s.attention() == null ? "" : " attn=" + s.attention();
      suffix += s.experts() == null || s.experts() == 0 ? "" : " moe=" + s.experts();
      suffix += s.top() == null ? "" : " top=" + s.top();
    }
    return new Variant(
        label + suffix,
        structure,
        structureName,
        params,
        source,
        s.attention(),
        s.experts(),
        s.top());
  }
}
