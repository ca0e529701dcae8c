/** Parameter and multiply-add counts of a structure, per input vector. */
package io.einstruct.dsl.count;
