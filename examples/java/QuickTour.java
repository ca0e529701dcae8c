import io.einstruct.dsl.count.Counts;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.mup.MuP;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.plan.Planner;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.train.data.Batch;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.EvalPoint;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.TrainListener;
import io.einstruct.train.run.TrainedRun;
import io.einstruct.train.run.Trainer;
import java.nio.file.Path;
import java.util.List;

/** einstruct from Java: a structure's counts, μP and plan; a training run; the model loaded back. */
public final class QuickTour {
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "runs/quick-tour");
    Library library = Library.builtIns();

    // 1. A structure bound at a size: parameters, multiply-adds, μP per factor, contraction plan.
    Structure btt = library.lookup("btt", null).bind(Args.parse(List.of("d_in=1024", "d_out=1024")));
    Counts counts = Counts.of(btt);
    System.out.println("btt 1024x1024: " + counts.params() + " params, " + counts.macs() + " MACs");
    for (FactorMuP f : MuP.of(btt, Optimizer.ADAM, false)) {
      System.out.println("  " + f.factor() + ": init std " + f.initStd() + ", lr x " + f.lrMult());
    }
    System.out.println("  plan: " + Planner.plan(btt, 1).macsPerVector() + " MACs per input");

    // 2. Train a BTT MLP on the teacher task, printing each evaluation.
    TrainConfig c = TrainConfig.defaults();
    c = c.with(c.data().withSource(DataSource.parse("teacher")))
        .with(c.model().toBuilder().structure("btt", null, List.of(), null).width(32).build())
        .with(c.run().withSteps(40));
    TrainListener print = new TrainListener() {
      @Override
      public void evaluated(EvalPoint p) {
        System.out.println("  step " + p.step() + ": test loss " + p.testLoss());
      }
    };
    new Trainer(library, print).start(c, dir);

    // 3. Load it back from its directory, score it and predict one input.
    try (TrainedRun run = TrainedRun.open(library, dir)) {
      System.out.println("reloaded: test loss " + run.evaluate().loss());
      float[] y = run.model().outputs(Batch.dense(new float[8], new float[1], 1));
      System.out.println("prediction at 0: " + y[0]);
    }
  }
}
