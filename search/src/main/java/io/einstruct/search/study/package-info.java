/**
 * Study files (YAML or JSON, read with Jackson), their expansion into trials by a sampler, the
 * budget that bounds them, and the successive-halving pruner's rule.
 */
package io.einstruct.search.study;
