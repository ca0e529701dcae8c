/**
 * The taxonomy of structured layers (einsum-search §2): which tensors each index joins ({@link
 * io.einstruct.taxonomy.theta.IndexClass}), and the three exponents that place a structure in the
 * space — ω, how often each parameter is reused; ψ, the rank exponent; ν, the compute intensity —
 * computed as slopes between two widths for any structure ({@link Taxonomy}), and in closed form
 * for the θ space of two-factor einsums ({@link io.einstruct.taxonomy.theta}).
 */
package io.einstruct.taxonomy;
