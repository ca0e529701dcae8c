/**
 * Projection of a dense matrix onto a structure: the factors whose product is nearest to it in
 * Frobenius norm. Two-factor structures whose indices split each block of the matrix into a product
 * of two free matrices (low rank, Monarch, BTT, two-core TT, Kronecker) have the closed form of a
 * truncated SVD per block (Eckart–Young); any other structure the DSL can write is fitted by
 * alternating least squares, each factor's subproblem being an ordinary least-squares solve per
 * block. Pure linear algebra on a {@link io.einstruct.dsl.model.Structure}, with EJML.
 */
package io.einstruct.dsl.project;
