package io.einstruct.train.run;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Source;
import io.einstruct.dsl.library.Library;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.resolve.Resolver;
import io.einstruct.dsl.syntax.Parser;
import io.einstruct.train.compile.CompileOptions;
import io.einstruct.train.compile.WeightNormOptions;
import io.einstruct.train.compile.WeightNormScope;
import io.einstruct.train.data.BatchSource;
import io.einstruct.train.data.DataShape;
import io.einstruct.train.data.ImageShape;
import io.einstruct.train.model.GptSpec;
import io.einstruct.train.model.MlpSpec;
import io.einstruct.train.model.Model;
import io.einstruct.train.model.ModelSpec;
import io.einstruct.train.model.Moe;
import io.einstruct.train.model.StructureChoice;
import io.einstruct.train.model.TransformerBody;
import io.einstruct.train.model.VitSpec;
import io.einstruct.train.optim.AdamConfig;
import io.einstruct.train.tf.SessionOptions;
import java.util.List;

/**
 * The model of a run as its configuration describes it: the structures of its layers, its
 * architecture for the data's shape (binding every layer, so a structure that does not fit fails
 * here), and how it compiles and optimises. Every choice is checked.
 */
public final class RunModels {
  private RunModels() {}

  /** The structure a run's layers use. */
  public static StructureChoice structure(Library library, ModelConfig m) {
    return choice(library, m.structure(), m.structureName(), m.source(), m.params());
  }

  /** The structure of a run's head: dense unless the configuration names one. */
  public static StructureChoice head(Library library, ModelConfig m) {
    if (m.head() == null) {
      return StructureChoice.dense(library);
    }
    return choice(library, m.head(), null, m.headSource(), m.headParams());
  }

  private static StructureChoice choice(
      Library library, String name, String structureName, String source, List<String> params) {
    Template t =
        source != null
            ? new Template(Parser.parse(new Source(name, source)).structure(structureName), false)
            : library.lookup(name, structureName);
    Args args = Args.parse(params);
    // check names against the command line as written, before layers rebind with their widths
    Resolver.checkNames(t.decl(), args);
    return new StructureChoice(t, args);
  }

  /** How a run's factors are normalised. */
  public static WeightNormOptions weightNorm(ModelConfig m) {
    return new WeightNormOptions(
        m.weightNorm(),
        m.weightNormScope() == null ? WeightNormScope.ALL : m.weightNormScope(),
        m.weightNormGain() == null || m.weightNormGain());
  }

  /** Where a run's cosine decay ends, as a fraction of the peak rate. */
  public static double finalLrFraction(OptimConfig o) {
    Double f = o.finalLrFraction();
    if (f != null && !(f >= 0 && f <= 1)) {
      throw EinError.setting("final_lr_frac", "must be between 0 and 1, got " + f);
    }
    return f == null ? 0 : f;
  }

  /**
   * The architecture of a run for data shaped like {@code data}; binds every layer, so a structure
   * that does not fit fails here.
   */
  public static ModelSpec spec(Library library, TrainConfig c, DataShape data) {
    ModelConfig m = c.model();
    StructureChoice structure = structure(library, m);
    StructureChoice dense = StructureChoice.dense(library);
    StructureChoice head = head(library, m);
    finalLrFraction(c.optim());
    weightNorm(m);
    if (m.baseExpansion() != null && m.baseExpansion() < 1) {
      throw EinError.setting("base_expansion", "must be at least 1, got " + m.baseExpansion());
    }
    int baseExpansion = m.baseExpansion() == null ? m.expansion() : m.baseExpansion();
    ModelKind kind = m.kind();
    if (data.text() != (kind == ModelKind.GPT)) {
      throw EinError.setting(
          "model",
          data.text()
              ? "text data (" + c.data().source() + ") needs a gpt model, got " + m.kind().key()
              : "gpt needs text data (text:PATH[,PATH...])");
    }
    if (kind == ModelKind.MLP) {
      transformerOnly(m.transformer());
    }
    return switch (kind) {
      case MLP ->
          new MlpSpec(
              data.features(),
              data.outputs(),
              m.width(),
              m.depth(),
              m.expansion(),
              structure,
              input(m, structure, dense),
              head,
              data.loss(),
              m.baseWidth(),
              c.optim().inputLrMultiplier(),
              baseExpansion);
      case VIT -> {
        ImageShape image = data.image();
        if (image == null) {
          throw EinError.setting(
              "model", "vit needs image data, and " + c.data().source() + " is not images");
        }
        int patch = patch(m.transformer().patch(), image);
        StructureChoice embedding = input(m, structure, dense);
        if (m.inputStructure() == InputStructure.AUTO
            && !fits(embedding, patch * patch * image.channels(), m.width())) {
          // a patch of 7×7 (Fashion-MNIST's default) does not split for monarch or kron
          embedding = dense;
        }
        yield new VitSpec(
            image,
            data.outputs(),
            patch,
            body(library, m, structure, dense, true, true, baseExpansion),
            embedding,
            head,
            c.optim().inputLrMultiplier());
      }
      case GPT ->
          new GptSpec(
              data.outputs(),
              data.features(),
              body(library, m, structure, dense, false, false, baseExpansion),
              head);
    };
  }

  /** Rejects attention settings on a model without attention, rather than ignoring them. */
  private static void transformerOnly(TransformerConfig t) {
    String given =
        t.attnScaleC() != null
            ? "attn_scale_c"
            : t.dHead() != null
                ? "d_head"
                : t.attnWidth() != null
                    ? "attn_width"
                    : t.depthScaling() != null ? "depth_scaling" : null;
    if (given != null) {
      throw EinError.setting(
          given, "applies to the attention of vit and gpt models, not to an mlp");
    }
  }

  /** The model of a run, built and not yet initialised. */
  public static Model model(Library library, TrainConfig c, BatchSource data) {
    return spec(library, c, data.shape())
        .build(
            compileOptions(c.model()), adam(c.optim()), c.run().batch(), sessionOptions(c.run()));
  }

  private static StructureChoice input(
      ModelConfig m, StructureChoice structure, StructureChoice dense) {
    return switch (m.inputStructure()) {
      case AUTO -> structure.name().equals("lowrank") ? dense : structure;
      case DENSE -> dense;
      case SAME -> structure;
    };
  }

  /** Whether {@code s} binds at {@code dIn} → {@code dOut}. */
  private static boolean fits(StructureChoice s, int dIn, int dOut) {
    try {
      s.bind("patch", dIn, dOut);

      return true;
    } catch (EinError e) {
      return false;
    }
  }

  private static TransformerBody body(
      Library library,
      ModelConfig m,
      StructureChoice structure,
      StructureChoice dense,
      boolean zeroQuery,
      boolean bias,
      int baseExpansion) {
    TransformerConfig t = m.transformer();
    StructureChoice attention = structure;
    if (!t.attention().equals("same")) {
      Template template = library.lookup(t.attention(), null);
      Args args = Args.parse(t.attentionParams());
      Resolver.checkNames(template.decl(), args);
      attention = new StructureChoice(template, args);
    }
    if (t.experts() < 0) {
      throw EinError.setting("experts", "must be 0 (no mixture) or at least 2, got " + t.experts());
    }
    Moe moe = t.experts() == 0 ? null : new Moe(t.experts(), t.top(), dense);
    boolean legacy =
        t.attnScaleC() == null
            && t.dHead() == null
            && t.depthScaling() == null
            && t.attnWidth() == null
            && m.baseExpansion() == null;
    if (legacy) {
      return TransformerBody.legacy(
          m.width(),
          m.depth(),
          t.heads(),
          m.expansion(),
          m.baseWidth(),
          attention,
          structure,
          moe,
          zeroQuery,
          bias);
    }
    int width = t.attnWidth() == null ? m.width() : t.attnWidth();
    if (width < 1) {
      throw EinError.setting("attn_width", "must be positive, got " + width);
    }
    int heads = t.heads();
    if (t.dHead() != null) {
      if (t.dHead() < 1 || width % t.dHead() != 0) {
        throw EinError.setting(
            "d_head",
            "heads of "
                + t.dHead()
                + " do not tile the attention width "
                + width
                + "; use a divisor of it");
      }
      heads = width / t.dHead();
    }
    double c = t.attnScaleC() != null ? t.attnScaleC() : Math.sqrt((double) m.baseWidth() / heads);
    if (!(c > 0) || Double.isInfinite(c)) {
      throw EinError.setting("attn_scale_c", "must be positive, got " + c);
    }
    double branch = Boolean.TRUE.equals(t.depthScaling()) ? Math.sqrt(3.0 / m.depth()) : 1.0;
    return new TransformerBody(
        m.width(),
        m.depth(),
        heads,
        m.expansion(),
        m.baseWidth(),
        attention,
        structure,
        moe,
        zeroQuery,
        bias,
        width,
        c,
        baseExpansion,
        branch);
  }

  /** The patch side: as given, or a quarter of the image's side (16 patches). */
  private static int patch(int patch, ImageShape image) {
    if (patch > 0) {
      return patch;
    }
    int side = Math.min(image.height(), image.width());
    if (side % 4 != 0 || image.height() % (side / 4) != 0 || image.width() % (side / 4) != 0) {
      throw EinError.setting(
          "patch",
          "no default patch size for "
              + image.height()
              + "×"
              + image.width()
              + " images; give one");
    }
    return side / 4;
  }

  /** How a run's layers compile. */
  public static CompileOptions compileOptions(ModelConfig m) {
    return new CompileOptions(weightNorm(m), m.naiveLr(), m.lowering());
  }

  /** The optimiser of a run, checked. */
  public static AdamConfig adam(OptimConfig o) {
    if (o.kind() == OptimizerKind.ADAM && o.weightDecay() > 0) {
      throw EinError.setting("weight_decay", "decoupled weight decay needs --optimizer adamw");
    }
    if (!(o.lr() > 0) || Double.isInfinite(o.lr())) {
      throw EinError.setting("lr", "must be positive, got " + o.lr());
    }
    if (!(o.weightDecay() >= 0) || Double.isInfinite(o.weightDecay())) {
      throw EinError.setting("weight_decay", "must be 0 or positive, got " + o.weightDecay());
    }
    if (!(o.clip() >= 0) || Double.isInfinite(o.clip())) {
      throw EinError.setting("clip", "must be 0 (off) or positive, got " + o.clip());
    }
    if (!(o.beta2() >= 0 && o.beta2() < 1)) {
      throw EinError.setting("beta2", "must be in [0, 1), got " + o.beta2());
    }
    return new AdamConfig(o.lr(), o.beta1(), o.beta2(), o.epsilon(), o.weightDecay(), o.clip());
  }

  /** The threads and device of a run's session. */
  public static SessionOptions sessionOptions(RunConfig r) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SessionOptions(
        r.intraThreads() > 0 ? r.intraThreads() : cores,
        r.interThreads() > 0 ? r.interThreads() : cores,
        r.device());
  }
}
