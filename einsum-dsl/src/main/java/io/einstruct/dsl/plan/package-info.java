/**
 * Contraction plans: the chain order of a structure, and the cheapest pairwise order for a batch of
 * inputs (exact dynamic programming over subsets up to {@value Planner#EXACT_LIMIT} operands,
 * greedy above). A plan is plain printable data: each step is a two-operand einsum with its
 * multiply-adds and the size of what it produces. The planner sees index sizes only, never values.
 */
package io.einstruct.dsl.plan;
