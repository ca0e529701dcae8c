/**
 * The continuous space of two-factor einsums (einsum-search §1): seven index classes α..ρ, the
 * vector θ of their size exponents, the closed forms of ω, ψ and ν, the canonical and degenerate
 * filters, realisation of θ as a structure, and the grid of simple fractions.
 */
package io.einstruct.taxonomy.theta;
