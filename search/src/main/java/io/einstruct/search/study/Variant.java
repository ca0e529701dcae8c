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
 */
record Variant(
    String label, String structure, String structureName, List<String> params, String source) {}
