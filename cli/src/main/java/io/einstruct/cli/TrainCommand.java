package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.search.study.RunFile;
import io.einstruct.train.compile.Lowering;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.data.DataCache;
import io.einstruct.train.model.ModelInfo;
import io.einstruct.train.run.DataConfig;
import io.einstruct.train.run.DataSource;
import io.einstruct.train.run.InputStructure;
import io.einstruct.train.run.ModelConfig;
import io.einstruct.train.run.ModelKind;
import io.einstruct.train.run.OptimConfig;
import io.einstruct.train.run.OptimizerKind;
import io.einstruct.train.run.PaperDefaults;
import io.einstruct.train.run.RunConfig;
import io.einstruct.train.run.RunPlan;
import io.einstruct.train.run.RunSummary;
import io.einstruct.train.run.ScheduleKind;
import io.einstruct.train.run.TrainConfig;
import io.einstruct.train.run.Trainer;
import io.einstruct.train.run.TransformerConfig;
import io.einstruct.train.tf.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct train}: train a model whose linear layers are a structure. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a residual MLP, a ViT or a GPT whose linear layers (all but the head) are a "
          + "structure, with structure-aware μP, writing config.json, metrics.jsonl (one line per "
          + "evaluation), summary.json and checkpoint.bin to --out.",
      "",
      "Examples:",
      "  einstruct train --data fashion-mnist --structure btt -p rank=1 --width 256 --epochs 5",
      "  einstruct train --model vit --data fashion-mnist --structure monarch --width 128",
      "  einstruct train --model gpt --data text:corpus.txt --structure btt_moe -p experts=8 "
          + "--width 256 --steps 2000 --batch 32 --context 128"
    })
final class TrainCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Mixin TrainOptions options = new TrainOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory (default: runs/STRUCTURE-wWIDTH-sSEED).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the run in DIR from its last checkpoint, as it was configured. Only --steps or"
              + " --epochs may be given with it, to extend the run to that length.")
  Path resume;

  @Option(
      names = "--dry-run",
      description =
          "Check everything (options, data, every layer at the model's widths), print the plan"
              + " and stop, writing nothing.")
  boolean dryRun;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A YAML or JSON file with the keys of a study's task: (model, data, steps, lr, ...),"
              + " checked as a study's, errors at their line. The structure, its parameters, the"
              + " width and the seed stay flags; other flags are an error.")
  Path configFile;

  /** The options that may accompany --config: what a study varies, and where to write. */
  private static final java.util.Set<String> WITH_CONFIG =
      java.util.Set.of(
          "--config",
          "--structure",
          "--structure-name",
          "--param",
          "--width",
          "--seed",
          "--init-from",
          "--out",
          "--dry-run",
          "--debug");

  /** The options that may accompany --resume; any other is an error rather than ignored. */
  private static final java.util.Set<String> WITH_RESUME =
      java.util.Set.of("--resume", "--steps", "--epochs", "--dry-run", "--debug");

  @Override
  public Integer call() {
    var o = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (resume != null) {
      for (var option : spec.commandLine().getParseResult().matchedOptions()) {
        if (!WITH_RESUME.contains(option.longestName())) {
          throw EinError.of(
              option.longestName(),
              "cannot be changed when resuming: a run continues as it was configured "
                  + "(only --steps or --epochs extend it)");
        }
      }
    }
    if (configFile != null) {
      for (var option : spec.commandLine().getParseResult().matchedOptions()) {
        if (!WITH_CONFIG.contains(option.longestName())) {
          throw EinError.of(
              option.longestName(),
              "set it in "
                  + configFile
                  + " (with --config only the structure, its parameters,"
                  + " the width, the seed and --out are flags)");
        }
      }
    }
    if (dryRun) {
      TrainConfig config = resume != null ? Trainer.config(resume) : config();
      RunPlan plan = RunPlan.check(main.library(), config);
      ModelInfo info = plan.info();
      o.printf(
          Locale.ROOT,
          "%s %s, width %d: %s params, %s forward MACs per example, %s per token (%s),"
              + " %d linear layers%n",
          config.model().kind().key(),
          config.model().structure(),
          config.model().width(),
          Numbers.count(info.params()),
          Numbers.count(info.forwardMacs()),
          Numbers.count(Math.round(info.macsPerToken())),
          Plural.of(info.tokens(), "token"),
          info.layers().size());
      o.printf(
          Locale.ROOT,
          "%s: %s training examples; %s steps of %d (%.3g epochs); about %s per step%n",
          config.data().source(),
          Numbers.count(plan.data().trainSize()),
          Numbers.count(plan.steps()),
          config.run().batch(),
          (double) plan.steps() / plan.stepsPerEpoch(),
          RunPlan.bytes(plan.memoryBytes()));
      o.flush();
      return Main.OK;
    }
    ProgressDisplay progress = new ProgressDisplay(err, System.console() != null);
    RunSummary summary;
    Path dir;
    try (Interrupts interrupts = new Interrupts()) {
      Trainer trainer =
          new Trainer(main.library(), progress, new DataCache(), interrupts.request());
      if (resume != null) {
        dir = resume;
        summary = trainer.resume(resume, extendedSteps());
      } else {
        TrainConfig config = config();
        dir = out != null ? out : Path.of("runs", defaultName(config));
        summary = trainer.start(config, dir);
      }
      if (summary.interrupted()) {
        err.printf(
            Locale.ROOT,
            "interrupted at step %d (%s); checkpoint saved. Resume with: einstruct train --resume"
                + " %s%n",
            summary.stoppedAt(),
            interrupts.request().reason(),
            dir);
        err.flush();
        return interrupts.exitCode();
      }
    }
    var last = summary.last();
    o.printf(
        Locale.ROOT,
        "%s: %s params, %s forward MACs per example%n",
        dir,
        Numbers.count(summary.model().params()),
        Numbers.count(summary.forwardMacsPerSample()));
    if (last != null) {
      o.printf(
          Locale.ROOT,
          "final: step %d, train loss %.4f, test loss %.4f%s, %.3g training" + " FLOPs, %.1f s%n",
          last.step(),
          last.trainLoss(),
          last.testLoss(),
          last.testError() == null
              ? ""
              : String.format(Locale.ROOT, ", test error %.2f%%", 100 * last.testError()),
          last.flops(),
          last.wallSeconds());
    }
    o.flush();
    return Main.OK;
  }

  /** The run the flags describe, or the run file with the flags' structure, width and seed. */
  private TrainConfig config() {
    if (configFile == null) {
      return options.config();
    }
    TrainConfig c = RunFile.read(configFile);
    var parsed = spec.commandLine().getParseResult();
    ModelConfig m =
        c.model().toBuilder()
            .structure(options.structure, options.structureName, options.params, null)
            .width(options.width)
            .initFrom(options.initFrom == null ? null : options.initFrom.toString())
            .build();
    long seed = parsed.hasMatchedOption("--seed") ? options.seed : c.run().seed();
    return c.with(m).with(c.run().withSeed(seed));
  }

  /** The length --steps or --epochs gives a resumed run, or null to keep its own. */
  private Long extendedSteps() {
    var parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--steps")) {
      if (options.steps < 1) {
        throw EinError.setting("steps", "must be positive, got " + options.steps);
      }
      return options.steps;
    }
    if (parsed.hasMatchedOption("--epochs")) {
      RunPlan plan = RunPlan.check(main.library(), Trainer.config(resume));
      return options.epochs * plan.stepsPerEpoch();
    }
    return null;
  }

  private static String defaultName(TrainConfig c) {
    String structure =
        Path.of(c.model().structure()).getFileName().toString().replaceAll("\\.ein$", "");
    return structure + "-w" + c.model().width() + "-s" + c.run().seed();
  }

  /** The options that make a {@link TrainConfig}; shared with the coordinate check. */
  static final class TrainOptions {
    @Option(
        names = "--model",
        defaultValue = "mlp",
        description = "mlp (default), vit (images) or gpt (text: --data text:PATH).")
    String model;

    @Option(
        names = "--data",
        defaultValue = "fashion-mnist",
        paramLabel = "SOURCE",
        description =
            "fashion-mnist (default, from /usr/share/datasets/fashion-mnist), "
                + "fashion-mnist:DIR, mnist:DIR, cifar10:DIR, cifar100:DIR, teacher, or "
                + "text:PATH[,PATH...] (bytes; the last 10%% of each file validates).")
    String data;

    @Option(
        names = "--structure",
        defaultValue = "dense",
        paramLabel = "SOURCE",
        description =
            "A built-in or a .ein file, for every linear layer but the head " + "(default: dense).")
    String structure;

    @Option(
        names = "--structure-name",
        paramLabel = "NAME",
        description = "Which structure of a .ein file that declares several.")
    String structureName;

    @Option(
        names = {"-p", "--param"},
        paramLabel = "NAME=VALUE",
        description = "A structure parameter, e.g. -p rank=1; repeat for several.")
    List<String> params = new ArrayList<>();

    @Option(
        names = "--init-from",
        paramLabel = "FILE",
        description =
            "Start from the weights of a safetensors file (einstruct project or export) instead"
                + " of a random start: every tensor must name a parameter of this model with its"
                + " shape; parameters it leaves out start random.")
    Path initFrom;

    @Option(
        names = "--input-structure",
        defaultValue = "auto",
        paramLabel = "WHICH",
        description = "auto (dense for lowrank, else the structure), dense or same.")
    String inputStructure;

    @Option(names = "--width", defaultValue = "256", description = "Model width d (256).")
    int width;

    @Option(names = "--depth", defaultValue = "3", description = "Residual blocks (3).")
    int depth;

    @Option(names = "--expansion", defaultValue = "4", description = "Block expansion (4).")
    int expansion;

    @Option(names = "--d0", defaultValue = "64", description = "μP base width (64).")
    int baseWidth;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (4).")
    int heads;

    @Option(
        names = "--patch",
        defaultValue = "0",
        description = "ViT patch side (default: a quarter of the image side).")
    int patch;

    @Option(
        names = "--attention",
        defaultValue = "same",
        paramLabel = "SOURCE",
        description =
            "Structure of q, k, v and the attention output: same (default) or a built-in.")
    String attention;

    @Option(
        names = "--attention-param",
        paramLabel = "NAME=VALUE",
        description = "A parameter of --attention; repeat for several.")
    List<String> attentionParams = new ArrayList<>();

    @Option(
        names = "--experts",
        defaultValue = "0",
        description = "Standard MoE: E whole-FFN experts per block (default: none).")
    int experts;

    @Option(names = "--top", defaultValue = "2", description = "Experts per token (2).")
    int top;

    @Option(
        names = "--context",
        defaultValue = "128",
        description = "Tokens per example of text data (128).")
    int context;

    @Option(
        names = "--head-structure",
        paramLabel = "SOURCE",
        description = "Structure of the head, a built-in or a .ein file (default: dense).")
    String headStructure;

    @Option(
        names = "--head-param",
        paramLabel = "NAME=VALUE",
        description = "A parameter of --head-structure; repeat for several.")
    List<String> headParams = new ArrayList<>();

    @Option(
        names = "--base-expansion",
        paramLabel = "E0",
        description =
            "FFN expansion of the μP base model: each block's second layer trains at "
                + "(E0·d0)/(expansion·d) (default: 1 for gpt, as both papers; the expansion for "
                + "mlp and vit).")
    Integer baseExpansion;

    @Option(
        names = "--attn-scale-c",
        paramLabel = "C",
        description = "Attention logits scaled by C/d_head (default 8, as both papers).")
    Double attnScaleC;

    @Option(
        names = "--d-head",
        paramLabel = "N",
        description = "Fixed head width: heads = attention width / N, overriding --heads.")
    Integer dHead;

    @Option(
        names = "--attn-width",
        paramLabel = "A",
        description = "Width of q, k and v, decoupled from --width (default: the width).")
    Integer attnWidth;

    @Option(
        names = "--depth-scaling",
        negatable = true,
        description =
            "Multiply each residual branch by √(3/depth), einsum-search's depth-μP "
                + "(default: on for gpt, off for vit).")
    Boolean depthScaling;

    @Option(names = "--weight-norm", description = "Cap factor RMS at the μP scale.")
    boolean weightNorm;

    @Option(
        names = "--weight-norm-scope",
        paramLabel = "WHICH",
        description =
            "structured (default: layers of two or more factors, as compute-better-spent) or "
                + "all (every layer, dense head and input included).")
    String weightNormScope;

    @Option(
        names = "--weight-norm-gain",
        negatable = true,
        description =
            "A learnable gain per normalised factor (default: on; einsum-search's θ runs have "
                + "none).")
    Boolean weightNormGain;

    @Option(names = "--naive-lr", description = "Give every factor its layer's dense rate.")
    boolean naiveLr;

    @Option(
        names = "--lowering",
        defaultValue = "auto",
        description = "How plan steps become ops: auto (default), einsum or bmm.")
    String lowering;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (5).")
    int epochs;

    @Option(names = "--steps", defaultValue = "0", description = "Steps, overriding --epochs.")
    long steps;

    @Option(names = "--batch", defaultValue = "1024", description = "Batch size (1024).")
    int batch;

    @Option(
        names = "--lr",
        defaultValue = "3e-3",
        description = "Base learning rate of a dense layer at width d0 (3e-3).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or adamw.")
    String optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW decay (0).")
    double weightDecay;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam β2 (0.999).")
    double beta2;

    @Option(names = "--clip", defaultValue = "0", description = "Gradient-norm clip (off).")
    double clip;

    @Option(names = "--schedule", defaultValue = "cosine", description = "cosine or constant.")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0", description = "Warm-up steps (0).")
    long warmup;

    @Option(
        names = "--final-lr-frac",
        paramLabel = "F",
        description = "Cosine decay ends at F × the peak rate (default: 0.1 for gpt, else 0).")
    Double finalLrFrac;

    @Option(
        names = "--input-lr-mult",
        description = "Input layer's extra rate factor (0.1 for the MLP, 1 for the ViT's patches).")
    Double inputLrMult;

    @Option(names = "--crop", defaultValue = "0", description = "Random-crop padding (off).")
    int crop;

    @Option(names = "--flip", description = "Random horizontal flips.")
    boolean flip;

    @Option(names = "--mixup", defaultValue = "0", description = "MixUp α (off).")
    double mixup;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "(off).")
    double labelSmoothing;

    @Option(names = "--permute-pixels", description = "One fixed pixel permutation.")
    boolean permute;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (0).")
    long seed;

    @Option(
        names = "--eval-every",
        defaultValue = "0",
        description = "Steps between evaluations (default: each epoch).")
    long evalEvery;

    @Option(
        names = "--threads",
        defaultValue = "0",
        description = "Intra-op threads (default: all cores).")
    int threads;

    @Option(
        names = "--inter-threads",
        defaultValue = "0",
        description = "Inter-op threads (default: all cores).")
    int interThreads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu:N.")
    String device;

    /** The configuration these options describe, every choice parsed. */
    TrainConfig config() {
      ModelKind kind = ModelKind.parse(model);
      return PaperDefaults.complete(
          new TrainConfig(
              TrainConfig.FORMAT_VERSION,
              new ModelConfig(
                  kind,
                  structure,
                  structureName,
                  params,
                  InputStructure.parse(inputStructure),
                  width,
                  depth,
                  expansion,
                  baseWidth,
                  weightNorm,
                  naiveLr,
                  Lowering.parse(lowering),
                  null,
                  new TransformerConfig(
                      heads,
                      patch,
                      attention,
                      attentionParams,
                      experts,
                      top,
                      attnScaleC,
                      dHead,
                      depthScaling,
                      attnWidth),
                  baseExpansion,
                  weightNormScope == null ? null : WeightNormScope.parse(weightNormScope),
                  weightNormGain,
                  headStructure,
                  headParams,
                  null,
                  initFrom == null ? null : initFrom.toString()),
              new DataConfig(
                  DataSource.parse(data),
                  crop,
                  flip,
                  mixup,
                  labelSmoothing,
                  permute,
                  8,
                  256,
                  6,
                  context),
              new OptimConfig(
                  OptimizerKind.parse(optimizer),
                  lr,
                  0.9,
                  beta2,
                  1e-8,
                  weightDecay,
                  clip,
                  ScheduleKind.parse(schedule),
                  warmup,
                  inputLrMult != null ? inputLrMult : OptimConfig.inputLrMultiplier(kind),
                  finalLrFrac),
              new RunConfig(
                  epochs,
                  steps,
                  batch,
                  seed,
                  evalEvery,
                  threads,
                  interThreads,
                  Device.parse(device))));
    }
  }
}
