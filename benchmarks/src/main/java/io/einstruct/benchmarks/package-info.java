/**
 * JMH benchmarks: compiled layers forward and backward ({@link
 * io.einstruct.benchmarks.LayerBench}), one MLP training step ({@link
 * io.einstruct.benchmarks.MlpStepBench}) and the DSL front end ({@link
 * io.einstruct.benchmarks.DslBench}); {@link io.einstruct.benchmarks.BenchTable} turns layer
 * results into the GFLOP/s table of {@code docs/benchmarks.md}.
 */
package io.einstruct.benchmarks;
