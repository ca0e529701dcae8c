package io.einstruct.benchmarks;

import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.plan.ContractionPlan;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.syntax.Parser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The DSL front end: parse a built-in's source, bind it at 4096 → 4096, plan it for 1024 rows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DslBench {
  @Param({"dense", "btt", "btt3", "tt", "btt_moe"})
  public String structure;

  private Source source;

  @Setup
  public void setUp() {
    source = new Source(structure + ".ein", Library.resource(structure + ".ein"));
  }

  @Benchmark
  public ContractionPlan parseBindPlan() {
    Template t = new Template(Parser.parse(source).structure(null), true);
    Structure s = t.bind(Args.none().with("d_in", 4096).with("d_out", 4096));
    return Planner.plan(s, 1024);
  }
}
