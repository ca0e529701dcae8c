package io.einstruct.dsl.project;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.eval.Contraction;
import io.einstruct.dsl.eval.DoubleTensor;
import io.einstruct.dsl.eval.FactorValues;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The factors of a structure whose product is nearest, in Frobenius norm, to a dense d_out × d_in
 * matrix W (rows are outputs, as in {@code y = W x}).
 *
 * <p>Closed form: when a structure has two factors and every index is either in the target and in
 * one or both factors, or in both factors and not in the target, each block of W (one value of the
 * indices the factors and the target share) is the product of two free matrices of inner dimension
 * the product of the indices only the factors share, so a truncated SVD of each block is optimal
 * (Eckart–Young). That covers low rank (one block, rank r), Monarch (the per-block rank-r SVD of
 * Dao et al. 2022), BTT, two-core TT and Kronecker (rank one of the rearranged matrix, Van Loan and
 * Pitsianis).
 *
 * <p>Otherwise alternating least squares: with every factor but one fixed, Ŵ is linear in that
 * factor and the problem splits into an ordinary least-squares solve per block ({@link Split}); the
 * sweeps go in chain order from a seeded Gaussian start scaled to W's norm, and after each sweep
 * the factors are rescaled to equal norms (which leaves Ŵ unchanged and keeps the solves well
 * conditioned).
 *
 * <p>Routed structures are refused: with gates, a layer is not one matrix.
 */
public final class Projection {
  private Projection() {}

  /**
   * The most entries of a matrix projected (8192 × 8192): beyond it the double-precision copies and
   * SVDs would take more memory and time than a command should without being asked.
   */
  public static final long MAX_ENTRIES = 1L << 26;

  /** Receives the error after each alternating sweep. */
  @FunctionalInterface
  public interface Listener {
    /** Sweep {@code sweep} (from 1) ended at relative error {@code error}. */
    void sweep(int sweep, double error);
  }

  /** Projects {@code w} onto {@code s} with the default options. */
  public static Projected project(Structure s, double[][] w) {
    return project(s, w, ProjectionOptions.DEFAULT, (n, e) -> {});
  }

  /**
   * Projects {@code w} (d_out rows of d_in) onto {@code s}.
   *
   * @throws EinError if the structure routes an index, or the closed form is asked of a structure
   *     without one
   */
  public static Projected project(
      Structure s, double[][] w, ProjectionOptions options, Listener listener) {
    if (!s.routes().isEmpty()) {
      throw EinError.of(
          s.name(),
          "routes "
              + s.routes().get(0).index()
              + ": a mixture's layer is a different matrix for every input, so no one matrix"
              + " projects onto it");
    }
    if ((long) s.dIn() * s.dOut() > MAX_ENTRIES) {
      throw EinError.of(
          s.name(),
          "a "
              + s.dOut()
              + " × "
              + s.dIn()
              + " matrix is larger than the "
              + MAX_ENTRIES
              + " entries (8192 × 8192) projection accepts");
    }
    if (w.length != s.dOut() || (w.length > 0 && w[0].length != s.dIn())) {
      throw new IllegalArgumentException(
          "a "
              + s.dOut()
              + " × "
              + s.dIn()
              + " matrix projects onto "
              + s.name()
              + ", got "
              + w.length
              + " × "
              + (w.length == 0 ? 0 : w[0].length));
    }
    for (double[] row : w) {
      if (row.length != s.dIn()) {
        throw new IllegalArgumentException("rows of different lengths");
      }
    }
    Target target = Target.of(s, w);
    Optional<Split> closed = closedForm(s);
    ProjectionMethod method = options.method();
    boolean single = single(s);
    if (method == ProjectionMethod.CLOSED_FORM && closed.isEmpty() && !single) {
      throw EinError.of(
          s.name(),
          "has no closed-form projection (it needs two factors that split every block of W in"
              + " two); use alternating least squares");
    }
    if (method == ProjectionMethod.CLOSED_FORM
        || (method == ProjectionMethod.AUTO && (closed.isPresent() || single))) {
      Map<String, DoubleTensor> factors =
          single ? copy(s, target) : svd(s, target, closed.orElseThrow());
      return new Projected(
          s,
          factors,
          ProjectionMethod.CLOSED_FORM,
          target.relativeError(reconstruct(s, factors, Target.indices(s))),
          0);
    }
    return als(s, target, options, listener);
  }

  /** Whether {@code s} has a closed-form projection. */
  public static boolean hasClosedForm(Structure s) {
    return s.routes().isEmpty() && (single(s) || closedForm(s).isPresent());
  }

  /** One factor holding exactly the target's indices: W as it is, within reach. */
  private static boolean single(Structure s) {
    return s.chain().size() == 1
        && new HashSet<>(s.chain().get(0).indexNames()).equals(new HashSet<>(Target.indices(s)));
  }

  private static Map<String, DoubleTensor> copy(Structure s, Target target) {
    Factor f = s.chain().get(0);
    DoubleTensor one = new DoubleTensor(List.of(), new int[0], new double[] {1});
    return Map.of(f.name(), solve(s, f, target, one));
  }

  /**
   * The split of the first factor against the second when the structure has the closed form: two
   * factors, every target index in one of them, and no index summed inside one factor alone.
   */
  private static Optional<Split> closedForm(Structure s) {
    if (s.chain().size() != 2) {
      return Optional.empty();
    }
    List<String> target = Target.indices(s);
    Set<String> first = new HashSet<>(s.chain().get(0).indexNames());
    Set<String> second = new HashSet<>(s.chain().get(1).indexNames());
    for (String n : target) {
      if (!first.contains(n) && !second.contains(n)) {
        return Optional.empty();
      }
    }
    for (String n : first) {
      if (!target.contains(n) && !second.contains(n)) {
        return Optional.empty();
      }
    }
    for (String n : second) {
      if (!target.contains(n) && !first.contains(n)) {
        return Optional.empty();
      }
    }
    return Optional.of(Split.of(s, s.chain().get(0), target, second));
  }

  private static Map<String, DoubleTensor> svd(Structure s, Target target, Split split) {
    Factor f1 = s.chain().get(0);
    Factor f2 = s.chain().get(1);
    DoubleTensor t = target.tensor();
    DoubleTensor a = DoubleTensor.zeros(f1.indexNames(), f1.shape());
    DoubleTensor b = DoubleTensor.zeros(f2.indexNames(), f2.shape());
    int[] tD = split.blocks().offsets(t);
    int[] tP = split.rows().offsets(t);
    int[] tQ = split.cols().offsets(t);
    int[] aD = split.blocks().offsets(a);
    int[] aP = split.rows().offsets(a);
    int[] aC = split.inner().offsets(a);
    int[] bD = split.blocks().offsets(b);
    int[] bC = split.inner().offsets(b);
    int[] bQ = split.cols().offsets(b);
    int rows = split.rows().count();
    int cols = split.cols().count();
    int rank = split.inner().count();
    for (int d = 0; d < tD.length; d++) {
      DMatrixRMaj block = new DMatrixRMaj(rows, cols);
      for (int p = 0; p < rows; p++) {
        for (int q = 0; q < cols; q++) {
          block.unsafe_set(p, q, t.data()[tD[d] + tP[p] + tQ[q]]);
        }
      }
      SingularValueDecomposition_F64<DMatrixRMaj> svd =
          DecompositionFactory_DDRM.svd(rows, cols, true, true, true);
      if (!svd.decompose(block)) {
        throw new ArithmeticException("the SVD of a " + rows + " × " + cols + " block failed");
      }
      DMatrixRMaj u = svd.getU(null, false);
      DMatrixRMaj sv = svd.getW(null);
      DMatrixRMaj v = svd.getV(null, false);
      SingularOps_DDRM.descendingOrder(u, false, sv, v, false);
      int kept = Math.min(rank, Math.min(u.numCols, v.numCols));
      for (int c = 0; c < kept; c++) {
        double root = Math.sqrt(sv.get(c, c));
        for (int p = 0; p < rows; p++) {
          a.data()[aD[d] + aP[p] + aC[c]] = u.get(p, c) * root;
        }
        for (int q = 0; q < cols; q++) {
          b.data()[bD[d] + bC[c] + bQ[q]] = v.get(q, c) * root;
        }
      }
    }
    Map<String, DoubleTensor> factors = new LinkedHashMap<>();
    factors.put(f1.name(), a);
    factors.put(f2.name(), b);
    return factors;
  }

  private static Projected als(
      Structure s, Target target, ProjectionOptions options, Listener listener) {
    List<String> u = Target.indices(s);
    Map<String, DoubleTensor> factors =
        new LinkedHashMap<>(FactorValues.gaussian(s, options.seed(), 1));
    double norm = norm(reconstruct(s, factors, u).data());
    double goal = norm(target.tensor().data());
    if (norm > 0 && goal > 0) {
      scaleAll(factors, Math.pow(goal / norm, 1.0 / factors.size()));
    }
    double error = target.relativeError(reconstruct(s, factors, u));
    int sweep = 0;
    while (sweep < options.maxSweeps()) {
      sweep++;
      for (Factor f : s.chain()) {
        factors.put(f.name(), solve(s, f, target, others(s, factors, f, u)));
      }
      balance(factors);
      double next = target.relativeError(reconstruct(s, factors, u));
      listener.sweep(sweep, next);
      boolean settled = error - next <= options.tolerance() * error;
      error = next;
      if (settled || error < 1e-13) {
        break;
      }
    }
    return new Projected(s, factors, ProjectionMethod.ALS, error, sweep);
  }

  /** The least-squares value of {@code f} with the others' product {@code g} fixed. */
  private static DoubleTensor solve(Structure s, Factor f, Target target, DoubleTensor g) {
    Split split = Split.of(s, f, Target.indices(s), new HashSet<>(g.indices()));
    DoubleTensor t = target.tensor();
    DoubleTensor out = DoubleTensor.zeros(f.indexNames(), f.shape());
    int[] tD = split.blocks().offsets(t);
    int[] tP = split.rows().offsets(t);
    int[] tQ = split.cols().offsets(t);
    int[] gD = split.blocks().offsets(g);
    int[] gC = split.inner().offsets(g);
    int[] gQ = split.cols().offsets(g);
    int[] fD = split.blocks().offsets(out);
    int[] fP = split.rows().offsets(out);
    int[] fC = split.inner().offsets(out);
    int rows = split.rows().count();
    int inner = split.inner().count();
    int cols = split.cols().count();
    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
    DMatrixRMaj m = new DMatrixRMaj(inner, cols);
    DMatrixRMaj amt = new DMatrixRMaj(rows, inner);
    DMatrixRMaj mmt = new DMatrixRMaj(inner, inner);
    DMatrixRMaj pinv = new DMatrixRMaj(inner, inner);
    DMatrixRMaj x = new DMatrixRMaj(rows, inner);
    for (int d = 0; d < tD.length; d++) {
      for (int p = 0; p < rows; p++) {
        for (int q = 0; q < cols; q++) {
          a.unsafe_set(p, q, t.data()[tD[d] + tP[p] + tQ[q]]);
        }
      }
      for (int c = 0; c < inner; c++) {
        for (int q = 0; q < cols; q++) {
          m.unsafe_set(c, q, g.data()[gD[d] + gC[c] + gQ[q]]);
        }
      }
      CommonOps_DDRM.multTransB(a, m, amt);
      CommonOps_DDRM.multTransB(m, m, mmt);
      CommonOps_DDRM.pinv(mmt, pinv);
      CommonOps_DDRM.mult(amt, pinv, x);
      for (int p = 0; p < rows; p++) {
        for (int c = 0; c < inner; c++) {
          out.data()[fD[d] + fP[p] + fC[c]] = x.unsafe_get(p, c);
        }
      }
    }
    return out;
  }

  /**
   * The product of every factor but {@code f}, keeping the indices of the target and of {@code f};
   * a scalar 1 when {@code f} is the only factor.
   */
  private static DoubleTensor others(
      Structure s, Map<String, DoubleTensor> factors, Factor f, List<String> target) {
    List<Factor> rest = s.chain().stream().filter(o -> !o.name().equals(f.name())).toList();
    if (rest.isEmpty()) {
      return new DoubleTensor(List.of(), new int[0], new double[] {1});
    }
    Set<String> keep = new LinkedHashSet<>(target);
    keep.addAll(f.indexNames());
    return fold(rest, factors, keep);
  }

  /**
   * Ŵ over {@code target}'s indices in that order: the factors contracted in chain order, each
   * index summed as soon as no later factor and not the target needs it; a target index in no
   * factor is broadcast.
   */
  static DoubleTensor reconstruct(
      Structure s, Map<String, DoubleTensor> factors, List<String> target) {
    DoubleTensor all = fold(s.chain(), factors, new LinkedHashSet<>(target));
    Axes order = Axes.of(s, target);
    int[] from = order.offsets(all);
    double[] data = new double[order.count()];
    for (int i = 0; i < data.length; i++) {
      data[i] = all.data()[from[i]];
    }
    return new DoubleTensor(target, order.sizes(), data);
  }

  private static DoubleTensor fold(
      List<Factor> chain, Map<String, DoubleTensor> factors, Set<String> keep) {
    DoubleTensor running = factors.get(chain.get(0).name());
    for (int i = 1; i < chain.size(); i++) {
      DoubleTensor next = factors.get(chain.get(i).name());
      Set<String> later = new HashSet<>(keep);
      chain.subList(i + 1, chain.size()).forEach(o -> later.addAll(o.indexNames()));
      Set<String> result = new LinkedHashSet<>(running.indices());
      result.addAll(next.indices());
      result.retainAll(later);
      running = Contraction.contract(running, next, new ArrayList<>(result));
    }
    if (chain.size() == 1 && !keep.containsAll(running.indices())) {
      running = sumAway(running, keep);
    }
    return running;
  }

  /** {@code t} with every index not in {@code keep} summed out. */
  private static DoubleTensor sumAway(DoubleTensor t, Set<String> keep) {
    List<String> kept = t.indices().stream().filter(keep::contains).toList();
    DoubleTensor one = new DoubleTensor(List.of(), new int[0], new double[] {1});
    return Contraction.contract(t, one, kept);
  }

  private static void balance(Map<String, DoubleTensor> factors) {
    double logMean = 0;
    Map<String, Double> norms = new LinkedHashMap<>();
    for (var e : factors.entrySet()) {
      double n = norm(e.getValue().data());
      if (n == 0) {
        return;
      }
      norms.put(e.getKey(), n);
      logMean += Math.log(n) / factors.size();
    }
    double mean = Math.exp(logMean);
    for (var e : factors.entrySet()) {
      scale(e.getValue().data(), mean / norms.get(e.getKey()));
    }
  }

  private static void scaleAll(Map<String, DoubleTensor> factors, double by) {
    factors.values().forEach(t -> scale(t.data(), by));
  }

  private static void scale(double[] data, double by) {
    for (int i = 0; i < data.length; i++) {
      data[i] *= by;
    }
  }

  private static double norm(double[] data) {
    double sum = 0;
    for (double v : data) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
