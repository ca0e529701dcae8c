package io.einstruct.taxonomy;

import io.einstruct.taxonomy.theta.Theta;
import java.util.Optional;

/**
 * One row of the {@link Catalog}: a built-in or a θ point, its taxonomy, and its size at the
 * catalog's width (absent when the structure cannot be realised there).
 *
 * @param name the built-in's name, or θ's pretty form
 * @param builtIn true for a built-in, false for a θ point
 * @param theta θ of the row (for built-ins, when it is a two-factor chain)
 * @param taxonomy ω, ψ, ν
 * @param params parameters at the width, -1 if not realisable there
 * @param macs multiply-adds per input at the width, -1 if not realisable there
 * @param note why a size is missing, or ""
 */
public record CatalogEntry(
    String name,
    boolean builtIn,
    Optional<Theta> theta,
    Taxonomy taxonomy,
    long params,
    long macs,
    String note) {}
