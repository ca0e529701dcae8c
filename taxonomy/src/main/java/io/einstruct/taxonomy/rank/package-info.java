/**
 * The rank of a structure's matrix: an upper bound from the minimum cut of its factor network
 * (exact for generic factors) and the numerical rank of a materialised matrix by SVD.
 */
package io.einstruct.taxonomy.rank;
