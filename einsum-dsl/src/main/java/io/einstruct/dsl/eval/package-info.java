/**
 * The pure-Java reference evaluator in double precision: materialises W (d_out × d_in) from factor
 * values and applies a structure to a batch of inputs by any plan. It is slow and simple on
 * purpose; it is the oracle every compiled implementation is checked against.
 */
package io.einstruct.dsl.eval;
