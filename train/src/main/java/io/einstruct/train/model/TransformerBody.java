package io.einstruct.train.model;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.model.Route;
import io.einstruct.train.compile.ExpertRows;
import io.einstruct.train.compile.Gate;
import io.einstruct.train.compile.LayerCompiler;
import io.einstruct.train.compile.Net;
import io.einstruct.train.compile.WeightNormOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The pre-LN transformer blocks a ViT and a GPT share: {@code x += b·out(attention(q, k, v of
 * LN(x)))}, then {@code x += b·fc2(GELU(fc1(LN(x))))}, or a routed mixture of such FFNs, with b the
 * depth-μP branch multiplier.
 *
 * <p>μP: q, k, v and fc1 train at d0/d times their structure's κ; the attention output at d0/A for
 * attention width A (d0/d when A = d); fc2 at (e0·d0)/(e·d) for the base model's expansion e0 (both
 * papers' GPTs build their base with e0 = 1; e0 = e gives d0/d). Attention logits are scaled by
 * c/d_head, the 1/d_head of μP (both papers: c = 8); q and k pass through a LayerNorm over d_head
 * first (QK-LayerNorm). The attention output and the FFN's last layer start at zero, and the query
 * too where {@code zeroQuery} is set (ViT).
 *
 * @param width d
 * @param depth blocks
 * @param heads attention heads; d_head = A / heads
 * @param expansion the FFN's hidden width in multiples of d
 * @param baseWidth d0
 * @param attention the structure of q, k, v and the attention output
 * @param ffn the structure of the FFN's two layers
 * @param moe a standard mixture of experts in place of each FFN, or null
 * @param zeroQuery whether q starts at zero
 * @param bias whether the projections add biases
 * @param attentionWidth A, the width of q, k and v (d unless decoupled)
 * @param attentionScaleC c in the logits' scale c/d_head
 * @param baseExpansion e0, the FFN expansion of the μP base model
 * @param branchMultiplier b, each residual branch's factor (einsum-search: √(3/L); else 1)
 */
public record TransformerBody(
    int width,
    int depth,
    int heads,
    int expansion,
    int baseWidth,
    StructureChoice attention,
    StructureChoice ffn,
    Moe moe,
    boolean zeroQuery,
    boolean bias,
    int attentionWidth,
    double attentionScaleC,
    int baseExpansion,
    double branchMultiplier) {
  /** The additive mask of future positions; large enough to zero them after the softmax. */
  private static final float MASKED = -1e9f;

  public TransformerBody {
    if (width < 1
        || depth < 1
        || heads < 1
        || expansion < 1
        || baseWidth < 1
        || attentionWidth < 1
        || baseExpansion < 1) {
      throw EinError.of(
          "model",
          "bad transformer: width "
              + width
              + ", depth "
              + depth
              + ", heads "
              + heads
              + ", expansion "
              + expansion
              + ", attention width "
              + attentionWidth
              + ", base expansion "
              + baseExpansion);
    }
    if (attentionWidth % heads != 0) {
      throw EinError.setting(
          "heads",
          heads
              + " heads do not divide the "
              + (attentionWidth == width ? "width " : "attention width ")
              + attentionWidth);
    }
    if (!(attentionScaleC > 0) || !(branchMultiplier > 0)) {
      throw EinError.of(
          "model",
          "the attention scale constant and the branch multiplier must be positive, got "
              + attentionScaleC
              + " and "
              + branchMultiplier);
    }
  }

  /**
   * The blocks as einstruct built them before these settings existed: A = d, logits scaled by
   * √(d0/heads)/d_head (which needs heads to divide d0), e0 = e, no branch multiplier.
   */
  public static TransformerBody legacy(
      int width,
      int depth,
      int heads,
      int expansion,
      int baseWidth,
      StructureChoice attention,
      StructureChoice ffn,
      Moe moe,
      boolean zeroQuery,
      boolean bias) {
    if (heads >= 1 && baseWidth % heads != 0) {
      throw EinError.setting(
          "heads", heads + " heads do not divide the base width --d0 " + baseWidth);
    }
    return new TransformerBody(
        width,
        depth,
        heads,
        expansion,
        baseWidth,
        attention,
        ffn,
        moe,
        zeroQuery,
        bias,
        width,
        Math.sqrt((double) baseWidth / Math.max(1, heads)),
        expansion,
        1.0);
  }

  /** A / heads. */
  public int headWidth() {
    return attentionWidth / heads;
  }

  /** The attention logits' scale, c / d_head. */
  public double attentionScale() {
    return attentionScaleC / headWidth();
  }

  /** Every linear layer of the blocks in order; binding happens here. */
  public List<LayerPlan> layers() {
    List<LayerPlan> layers = new ArrayList<>();
    double m = (double) baseWidth / width;
    double outM = (double) baseWidth / attentionWidth;
    double fc2M = (double) baseExpansion * baseWidth / ((double) expansion * width);
    int d = width;
    int a = attentionWidth;
    int wide = expansion * d;
    for (int b = 0; b < depth; b++) {
      String at = "blocks." + b + ".attn.";
      for (String p : List.of("q", "k", "v")) {
        boolean zero = p.equals("q") && zeroQuery;
        boolean normed = !p.equals("v");
        layers.add(
            new LayerPlan(at + p, attention.bind(at + p, d, a), zero, m, 1.0, bias, 1.0, normed));
      }
      layers.add(
          new LayerPlan(at + "out", attention.bind(at + "out", a, d), true, outM, 1.0, bias, 1.0));
      String f = "blocks." + b + ".ffn.";
      if (moe == null) {
        layers.add(
            new LayerPlan(f + "fc1", ffn.bind(f + "fc1", d, wide), false, m, 1.0, bias, 1.0));
        layers.add(
            new LayerPlan(f + "fc2", ffn.bind(f + "fc2", wide, d), true, fc2M, 1.0, bias, 1.0));
      } else {
        for (int e = 0; e < moe.experts(); e++) {
          String x = f + "experts." + e + ".";
          StructureChoice s = moe.expert();
          double share = moe.activeFraction();
          layers.add(
              new LayerPlan(x + "fc1", s.bind(x + "fc1", d, wide), false, m, 1, bias, share));
          layers.add(
              new LayerPlan(x + "fc2", s.bind(x + "fc2", wide, d), true, fc2M, 1, bias, share));
        }
      }
    }
    return layers;
  }

  /**
   * The layers' infos in order, with each block's MoE router (a dense d → E map) before its
   * experts.
   */
  List<LayerInfo> infos() {
    List<LayerInfo> infos = new ArrayList<>();
    for (LayerPlan p : layers()) {
      if (p.name().endsWith(".experts.0.fc1")) {
        infos.add(routerInfo(p.name().substring(0, p.name().indexOf(".experts.")) + ".router"));
      }
      infos.add(p.info());
    }
    return infos;
  }

  private LayerInfo routerInfo(String name) {
    long size = (long) width * moe.experts();
    return new LayerInfo(name, "router", width, moe.experts(), size, size, true);
  }

  /**
   * Trainable values outside the linear layers and routers: per block two LayerNorms over d and the
   * QK-LayerNorms over d_head.
   */
  long normParams() {
    return (long) depth * (4L * width + 4L * headWidth());
  }

  /** Trainable values of the blocks. */
  long params(WeightNormOptions weightNorm) {
    long params = normParams();
    for (LayerPlan p : layers()) {
      params += p.params(weightNorm);
    }
    for (LayerInfo i : infos()) {
      params += i.structure().equals("router") ? i.params() : 0;
    }
    return params;
  }

  /**
   * Forward multiply-adds of the blocks for one sequence of {@code tokens}: every layer's per-token
   * cost, and QKᵀ and AV at T·T·A each per block.
   */
  long macs(int tokens) {
    long perToken = infos().stream().mapToLong(LayerInfo::macs).sum();
    return perToken * tokens + (long) depth * 2L * tokens * tokens * attentionWidth;
  }

  /**
   * Adds the blocks to {@code net}.
   *
   * @param x the tokens' states, [rows, d] with rows = sequences × {@code tokens}
   * @param tokens positions per sequence
   * @param causal whether a position attends only to itself and earlier ones
   * @param rows rows of {@code x} per training batch, to plan contraction orders for
   * @return the states after the last block, [rows, d]
   */
  Operand<TFloat32> apply(Net net, Operand<TFloat32> x, int tokens, boolean causal, int rows) {
    Ops tf = net.tf();
    Iterator<LayerPlan> plans = layers().iterator();
    Operand<TFloat32> mask = causal ? causalMask(tf, tokens) : null;
    for (int b = 0; b < depth; b++) {
      String name = "blocks." + b;
      Operand<TFloat32> u = LayerNorm.apply(net, name + ".norm1", x, width);
      Operand<TFloat32> q = plans.next().apply(net, rows, u);
      Operand<TFloat32> k = plans.next().apply(net, rows, u);
      Operand<TFloat32> v = plans.next().apply(net, rows, u);
      Operand<TFloat32> a = attend(net, name + ".attn", q, k, v, tokens, mask);
      x = tf.math.add(x, branch(tf, plans.next().apply(net, rows, a)));
      u = LayerNorm.apply(net, name + ".norm2", x, width);
      if (moe == null) {
        Operand<TFloat32> h = Gelu.apply(tf, plans.next().apply(net, rows, u));
        x = tf.math.add(x, branch(tf, plans.next().apply(net, rows, h)));
      } else {
        x = tf.math.add(x, branch(tf, mixture(net, name + ".ffn", u, plans, rows)));
      }
    }
    return x;
  }

  /** A residual branch's output times the branch multiplier (no op when it is 1). */
  private Operand<TFloat32> branch(Ops tf, Operand<TFloat32> y) {
    return branchMultiplier == 1.0 ? y : tf.math.mul(y, tf.constant((float) branchMultiplier));
  }

  /** Σ_e g_e(u) · FFN_e(u), with g the router's top-k gates (zero for unchosen experts). */
  private Operand<TFloat32> mixture(
      Net net, String name, Operand<TFloat32> u, Iterator<LayerPlan> plans, int rows) {
    Ops tf = net.tf();
    Gate gate =
        LayerCompiler.route(
            net,
            name,
            u,
            width,
            new Route("expert", moe.experts(), moe.top()),
            (double) baseWidth / width);
    // the rows an expert sees on average, to plan its contractions for
    int expected = Math.max(1, (int) Math.round(rows * moe.activeFraction()));
    Operand<TFloat32> sum = null;
    for (int e = 0; e < moe.experts(); e++) {
      ExpertRows routed = ExpertRows.of(tf, gate.weights(), e, u);
      Operand<TFloat32> weighted;
      if (moe.dispatch()) {
        Operand<TFloat32> h = Gelu.apply(tf, plans.next().apply(net, expected, routed.rows(tf, u)));
        weighted = routed.combine(tf, plans.next().apply(net, expected, h));
      } else {
        Operand<TFloat32> h = Gelu.apply(tf, plans.next().apply(net, rows, u));
        Operand<TFloat32> y = plans.next().apply(net, rows, h);
        weighted = tf.math.mul(tf.reshape(routed.gate(), tf.constant(new int[] {-1, 1})), y);
      }
      sum = sum == null ? weighted : tf.math.add(sum, weighted);
    }
    return sum;
  }

  /**
   * Multi-head attention of [rows, A] queries, keys and values, heads split off the last axis;
   * returns [rows, A].
   */
  private Operand<TFloat32> attend(
      Net net,
      String name,
      Operand<TFloat32> q,
      Operand<TFloat32> k,
      Operand<TFloat32> v,
      int tokens,
      Operand<TFloat32> mask) {
    Ops tf = net.tf();
    int dh = headWidth();
    Operand<TInt32> split = tf.constant(new int[] {-1, tokens, heads, dh});
    Operand<TFloat32> qh = LayerNorm.apply(net, name + ".q_norm", tf.reshape(q, split), dh);
    Operand<TFloat32> kh = LayerNorm.apply(net, name + ".k_norm", tf.reshape(k, split), dh);
    Operand<TFloat32> vh = tf.reshape(v, split);
    Operand<TFloat32> logits =
        tf.math.mul(
            tf.linalg.einsum(List.of(qh, kh), "bthd,bshd->bhts"),
            tf.constant((float) attentionScale()));
    if (mask != null) {
      logits = tf.math.add(logits, mask);
    }
    Operand<TFloat32> weights = tf.nn.softmax(logits);
    Operand<TFloat32> out = tf.linalg.einsum(List.of(weights, vh), "bhts,bshd->bthd");
    return tf.reshape(out, tf.constant(new int[] {-1, attentionWidth}));
  }

  /** [T, T]: 0 where key position s ≤ query position t, a large negative number after. */
  private static Operand<TFloat32> causalMask(Ops tf, int tokens) {
    float[][] mask = new float[tokens][tokens];
    for (int t = 0; t < tokens; t++) {
      for (int s = t + 1; s < tokens; s++) {
        mask[t][s] = MASKED;
      }
    }
    return tf.constant(mask);
  }
}
