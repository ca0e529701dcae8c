package io.einstruct.train.compile;

import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Index;
import io.einstruct.dsl.model.Route;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.mup.FactorMuP;
import io.einstruct.dsl.mup.MuP;
import io.einstruct.dsl.mup.Optimizer;
import io.einstruct.dsl.plan.ContractionPlan;
import io.einstruct.dsl.plan.PlanStep;
import io.einstruct.dsl.plan.Planner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Compiles one structured linear layer into a graph: creates its factors with their μP initial
 * scale and learning-rate scale, pads or truncates the input, runs the plan's steps, gates routed
 * indices, and adds the bias.
 */
public final class LayerCompiler {
  private LayerCompiler() {}

  /**
   * Adds a router that picks {@code route.top()} of {@code route.experts()} for each row of {@code
   * x}, for models that route whole sub-networks (a standard MoE); its load-balancing loss joins
   * the net's.
   *
   * @param name the routed block's name; the router's matrix is {@code name.router}
   * @param x the input, [N, dIn]
   * @param lrScale the router's learning-rate scale
   */
  public static Gate route(
      Net net, String name, Operand<TFloat32> x, int dIn, Route route, double lrScale) {
    return Router.build(net, name, x, dIn, route, lrScale);
  }

  /**
   * Adds the layer to {@code net}.
   *
   * @param net the graph being built
   * @param spec the layer
   * @param x its input, [N, d_in], or [d_in, N] when the spec lays activations out in columns
   * @return the compiled layer, whose output is [N, d_out] (or [d_out, N])
   */
  public static CompiledLayer compile(Net net, LayerSpec spec, Operand<TFloat32> x) {
    Ops tf = net.tf();
    Structure s = spec.structure();
    ContractionPlan plan =
        net.options().order() == ContractionOrder.CHAIN
            ? Planner.chain(s, spec.batch())
            : Planner.plan(s, spec.batch());

    Map<String, Laid> values = new HashMap<>();
    List<Parameter> factors = new ArrayList<>();
    WeightNormOptions norm = net.options().weightNorm();
    boolean normalised = norm.normalises(s);
    boolean gain = norm.gains(spec.normedOutput());
    for (FactorMuP m : MuP.of(s, Optimizer.ADAM, spec.residualOutput())) {
      Parameter p = factor(net, spec, s.factor(m.factor()), m);
      factors.add(p);
      values.put(
          m.factor(),
          new Laid(
              normalised ? WeightNorm.apply(net, p, m.initStd(), gain) : p.value(),
              s.factor(m.factor()).indices().stream().map(Index::name).toList()));
    }
    Optional<Gate> gate = Optional.empty();
    for (Route route : s.routes()) {
      gate =
          Optional.of(
              Router.build(
                  net, spec.name(), x, s.dIn(), route, spec.widthMultiplier() * spec.extraLr()));
    }
    boolean columns = spec.layout() == ActivationLayout.COLUMNS;
    Operand<TFloat32> y;
    if (gate.isPresent() && dispatchable(s)) {
      y = dispatch(net, s, spec, values, x, gate.get());
    } else {
      values.put("x", input(tf, s, x, columns));
      Laid last = steps(net, s, plan, values, sizes(s, spec.batch()), gate, columns);
      y = output(tf, s, sumSlices(tf, s, last), columns);
    }
    if (spec.bias()) {
      Parameter bias =
          net.parameters()
              .create(
                  tf, spec.name() + ".bias", new long[] {s.dOut()}, Init.ZERO, 1.0, false, true);
      y =
          tf.math.add(
              y,
              columns
                  ? tf.reshape(bias.value(), tf.constant(new int[] {s.dOut(), 1}))
                  : bias.value());
    }
    return new CompiledLayer(y, s, plan, factors, gate);
  }

  /** Runs {@code plan}'s steps over {@code values} (the factors and x); returns the last result. */
  private static Laid steps(
      Net net,
      Structure s,
      ContractionPlan plan,
      Map<String, Laid> values,
      Map<String, Long> sizes,
      Optional<Gate> gate,
      boolean columns) {
    Ops tf = net.tf();
    Laid last = null;
    for (PlanStep step : plan.steps()) {
      Laid left = values.get(step.left().name());
      Laid right = values.get(step.right().name());
      Lowering lowering = net.options().lowering();
      if (lowering == Lowering.AUTO) {
        lowering = LoweringChoice.choose(step);
      }
      if (columns && left.order().contains(Planner.BATCH)) {
        // the activation on the right keeps the examples innermost in the natural result order
        Laid swap = left;
        left = right;
        right = swap;
      }
      last = StepLowering.lower(tf, lowering, step, left, right, sizes);
      last = applyGate(tf, s, step, last, gate);
      values.put(step.result().name(), last);
    }
    return last;
  }

  /**
   * Whether a routed layer can run each expert on its own inputs: one routed index, and no factor
   * that holds that index alone (its slice would be a scalar).
   */
  private static boolean dispatchable(Structure s) {
    if (s.routes().size() != 1) {
      return false;
    }
    String e = s.routes().get(0).index();
    return s.chain().stream().noneMatch(f -> f.indexNames().equals(List.of(e)));
  }

  /**
   * Σ_e g_e · expert_e(x) over the inputs routed to each expert only: each expert is the structure
   * with its factors sliced at e ({@link Structure#expert}), applied to the gathered rows that
   * chose it and summed back weighted by their gates. The same result as gating the whole structure
   * (an unchosen gate is exactly 0), at k/E of the factors' work.
   */
  private static Operand<TFloat32> dispatch(
      Net net,
      Structure s,
      LayerSpec spec,
      Map<String, Laid> values,
      Operand<TFloat32> x,
      Gate gate) {
    Ops tf = net.tf();
    Route route = s.routes().get(0);
    String e = route.index();
    Structure one = s.expert(e);
    int expected = Math.max(1, (int) Math.round(spec.batch() * route.activeFraction()));
    ContractionPlan plan =
        net.options().order() == ContractionOrder.CHAIN
            ? Planner.chain(one, expected)
            : Planner.plan(one, expected);
    Map<String, Long> sizes = sizes(one, expected);
    Operand<TFloat32> sum = null;
    for (int j = 0; j < route.experts(); j++) {
      ExpertRows routed = ExpertRows.of(tf, gate.weights(), j, x);
      Map<String, Laid> slices = new HashMap<>();
      for (Factor f : s.chain()) {
        Laid full = values.get(f.name());
        int axis = full.order().indexOf(e);
        if (axis < 0) {
          slices.put(f.name(), full);
        } else {
          List<String> order = new ArrayList<>(full.order());
          order.remove(axis);
          slices.put(
              f.name(),
              new Laid(tf.gather(full.tensor(), tf.constant(j), tf.constant(axis)), order));
        }
      }
      slices.put("x", input(tf, one, routed.rows(tf, x), false));
      Laid last = steps(net, one, plan, slices, sizes, Optional.empty(), false);
      Operand<TFloat32> part = routed.combine(tf, output(tf, one, sumSlices(tf, one, last), false));
      sum = sum == null ? part : tf.math.add(sum, part);
    }
    return sum;
  }

  /** The input, [N, d_in] or [d_in, N], resized to x's size and split into x's indices. */
  private static Laid input(Ops tf, Structure s, Operand<TFloat32> x, boolean columns) {
    List<String> order = new ArrayList<>();
    if (!columns) {
      order.add(Planner.BATCH);
      order.addAll(s.xNames());
      return new Laid(
          tf.reshape(resize(tf, x, s.dIn(), s.xSize()), tf.constant(batchShape(s.x()))), order);
    }
    order.addAll(s.xNames());
    order.add(Planner.BATCH);
    long[] shape = new long[s.x().size() + 1];
    for (int i = 0; i < s.x().size(); i++) {
      shape[i] = s.x().get(i).size();
    }
    shape[shape.length - 1] = -1;
    return new Laid(
        tf.reshape(resizeColumns(tf, x, s.dIn(), s.xSize()), tf.constant(shape)), order);
  }

  /** The last step's result as [N, d_out] or [d_out, N]. */
  private static Operand<TFloat32> output(Ops tf, Structure s, Laid last, boolean columns) {
    List<String> order = new ArrayList<>();
    if (!columns) {
      order.add(Planner.BATCH);
      order.addAll(s.yNames());
      return resize(
          tf,
          tf.reshape(
              StepLowering.permute(tf, last, order), tf.constant(new long[] {-1, s.ySize()})),
          s.ySize(),
          s.dOut());
    }
    order.addAll(s.yNames());
    order.add(Planner.BATCH);
    return resizeColumns(
        tf,
        tf.reshape(StepLowering.permute(tf, last, order), tf.constant(new long[] {s.ySize(), -1})),
        s.ySize(),
        s.dOut());
  }

  /** Zero-pads or truncates the first axis of [from, N] to [to, N]. */
  static Operand<TFloat32> resizeColumns(Ops tf, Operand<TFloat32> t, long from, long to) {
    if (from == to) {
      return t;
    }
    if (to > from) {
      return tf.pad(t, tf.constant(new int[][] {{0, (int) (to - from)}, {0, 0}}), tf.constant(0f));
    }
    return tf.slice(t, tf.constant(new int[] {0, 0}), tf.constant(new int[] {(int) to, -1}));
  }

  private static Parameter factor(Net net, LayerSpec spec, Factor f, FactorMuP m) {
    double kappa = net.options().naiveLr() ? 1.0 : m.lrMult();
    long[] shape = f.indices().stream().mapToLong(Index::size).toArray();
    Init init = m.zeroInit() ? Init.ZERO : Init.normal(m.initStd());
    return net.parameters()
        .create(
            net.tf(),
            spec.name() + "." + f.name(),
            shape,
            init,
            spec.widthMultiplier() * kappa * spec.extraLr(),
            true,
            true);
  }

  /**
   * Multiplies the result of the step that produces a routed index by the gates, broadcast over the
   * other axes: that step has the index in exactly one operand and in its result.
   */
  private static Laid applyGate(Ops tf, Structure s, PlanStep step, Laid t, Optional<Gate> gate) {
    for (Route route : s.routes()) {
      String e = route.index();
      boolean producing =
          step.result().indices().contains(e)
              && step.left().indices().contains(e) != step.right().indices().contains(e);
      if (!producing || gate.isEmpty()) {
        continue;
      }
      List<String> axes = t.order();
      long[] shape = new long[axes.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] =
            axes.get(i).equals(Planner.BATCH) ? -1 : axes.get(i).equals(e) ? route.experts() : 1;
      }
      t =
          new Laid(
              tf.math.mul(t.tensor(), tf.reshape(gate.get().weights(), tf.constant(shape))), axes);
    }
    return t;
  }

  /** Sums the gated experts of routed indices that live in one factor out of the last result. */
  private static Laid sumSlices(Ops tf, Structure s, Laid t) {
    for (String e : s.slicedRoutes()) {
      int axis = t.order().indexOf(e);
      if (axis >= 0) {
        List<String> order = new ArrayList<>(t.order());
        order.remove(axis);
        t = new Laid(tf.reduceSum(t.tensor(), tf.constant(axis)), order);
      }
    }
    return t;
  }

  /** Zero-pads or truncates the last axis of [N, from] to [N, to]. */
  static Operand<TFloat32> resize(Ops tf, Operand<TFloat32> t, long from, long to) {
    if (from == to) {
      return t;
    }
    // int32 begin and size: the gradient of Slice builds int32 offsets and cannot mix them
    if (to > from) {
      return tf.pad(t, tf.constant(new int[][] {{0, 0}, {0, (int) (to - from)}}), tf.constant(0f));
    }
    return tf.slice(t, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, (int) to}));
  }

  private static long[] batchShape(List<Index> indices) {
    long[] shape = new long[indices.size() + 1];
    shape[0] = -1;
    for (int i = 0; i < indices.size(); i++) {
      shape[i + 1] = indices.get(i).size();
    }
    return shape;
  }

  private static Map<String, Long> sizes(Structure s, int batch) {
    Map<String, Long> sizes = new HashMap<>();
    s.indices().forEach(i -> sizes.put(i.name(), (long) i.size()));
    sizes.put(Planner.BATCH, (long) batch);
    return sizes;
  }
}
