package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.dsl.Plural;
import io.einstruct.dsl.library.Template;
import io.einstruct.dsl.model.Factor;
import io.einstruct.dsl.model.Structure;
import io.einstruct.dsl.project.Projected;
import io.einstruct.dsl.project.Projection;
import io.einstruct.dsl.project.ProjectionMethod;
import io.einstruct.dsl.project.ProjectionOptions;
import io.einstruct.dsl.resolve.Args;
import io.einstruct.dsl.tensor.NamedTensor;
import io.einstruct.dsl.tensor.Npy;
import io.einstruct.dsl.tensor.Safetensors;
import io.einstruct.train.run.ModelConfig;
import io.einstruct.train.run.RunProjection;
import io.einstruct.train.run.TrainedRun;
import io.einstruct.train.run.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct project}: the structured factors nearest to a dense matrix. */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Find the factors of a structure whose product is nearest to a dense matrix in Frobenius"
          + " norm, print the relative error ‖W − Ŵ‖/‖W‖ and the parameters saved, and write the"
          + " factors to a safetensors file. Closed form where one exists (a truncated SVD of each"
          + " block: low rank, Monarch, BTT, two-core TT, Kronecker), alternating least squares"
          + " for any other structure. From a run directory every linear layer is projected and"
          + " the file holds a whole model with the structure, for train --init-from.",
      "",
      "Examples:",
      "  einstruct project --structure btt -p rank=4 --from runs/dense --out b.st",
      "  einstruct train --structure btt -p rank=4 --init-from b.st --epochs 1",
      "  einstruct project --structure monarch --from w.npy --out m.st"
    })
final class ProjectCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Option(
      names = "--structure",
      required = true,
      paramLabel = "SOURCE",
      description = "A built-in or a .ein file to project onto.")
  String structure;

  @Option(
      names = "--structure-name",
      paramLabel = "NAME",
      description = "Which structure of a .ein file that declares several.")
  String structureName;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=VALUE",
      description = "A structure parameter, e.g. -p rank=4; repeat for several.")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--from",
      required = true,
      paramLabel = "SOURCE",
      description =
          "A run directory (every linear layer), a 2-D FILE.npy, or FILE.safetensors[:TENSOR]"
              + " (a 2-D tensor; rows are outputs, as torch's Linear.weight).")
  String from;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The safetensors file to write.")
  Path out;

  @Option(
      names = "--method",
      defaultValue = "auto",
      paramLabel = "METHOD",
      description =
          "auto (the closed form where there is one, else ALS), closed-form or als (default:"
              + " auto).")
  String method;

  @Option(
      names = "--sweeps",
      defaultValue = "200",
      paramLabel = "N",
      description = "The most alternating-least-squares sweeps (default: 200).")
  int sweeps;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random start of alternating least squares (default: 0).")
  long seed;

  @Override
  public Integer call() {
    ProjectionOptions options = new ProjectionOptions(parseMethod(), positiveSweeps(), 1e-6, seed);
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw EinError.setting("out", "its directory " + parent + " does not exist");
    }
    if (Files.isDirectory(out)) {
      throw EinError.setting("out", out + " is a directory; give the file to write");
    }
    PrintWriter o = spec.commandLine().getOut();
    Path dir = Path.of(from);
    if (Files.isDirectory(dir)) {
      fromRun(dir, options, o);
    } else {
      fromMatrix(options, o);
    }
    o.flush();
    return Main.OK;
  }

  private void fromRun(Path dir, ProjectionOptions options, PrintWriter o) {
    ModelConfig target =
        Trainer.config(dir).model().toBuilder()
            .structure(structure, structureName, params, null)
            .build();
    PrintWriter err = spec.commandLine().getErr();
    RunProjection.Result r =
        RunProjection.project(
            main.library(),
            dir,
            target,
            options,
            (i, n, name) -> {
              err.printf(Locale.ROOT, "  projecting %s (%d/%d)%n", name, i + 1, n);
              err.flush();
            });
    Map<String, String> meta = TrainedRun.metadata(main.library(), r.config(), 0);
    meta.put("einstruct.projected_from", dir.toString());
    StringBuilder errors = new StringBuilder();
    for (RunProjection.Layer l : r.layers()) {
      if (l.method() != null) {
        errors.append(errors.length() == 0 ? "" : " ");
        errors
            .append(l.name())
            .append('=')
            .append(String.format(Locale.ROOT, "%.6g", l.relativeError()));
      }
    }
    meta.put("einstruct.projection_errors", errors.toString());
    Safetensors.write(out, r.weights(), meta);
    TextTable t =
        new TextTable(
            "layer", "d_in → d_out", "from", "method", ">rel. error", ">params", "saving");
    long before = 0;
    long after = 0;
    for (RunProjection.Layer l : r.layers()) {
      before += l.paramsBefore();
      after += l.paramsAfter();
      t.row(
          l.name(),
          l.to().dIn() + " → " + l.to().dOut(),
          l.from().name(),
          l.method() == null ? "copied" : l.method().key(),
          l.method() == null ? "0" : String.format(Locale.ROOT, "%.4f", l.relativeError()),
          Numbers.count(l.paramsBefore()) + " → " + Numbers.count(l.paramsAfter()),
          saving(l.paramsBefore(), l.paramsAfter()));
    }
    o.print(t.render(""));
    o.printf(
        Locale.ROOT,
        "%s: %s tensors; layer parameters %s → %s (%s)%n",
        out,
        Numbers.count(r.weights().size()),
        Numbers.count(before),
        Numbers.count(after),
        saving(before, after));
  }

  private void fromMatrix(ProjectionOptions options, PrintWriter o) {
    NamedTensor w = matrix();
    long[] shape = w.shape();
    if (shape[0] * shape[1] > Projection.MAX_ENTRIES) {
      throw EinError.setting(
          "from",
          w.name()
              + " is "
              + shape[0]
              + " × "
              + shape[1]
              + ", larger than the "
              + Projection.MAX_ENTRIES
              + " entries (8192 × 8192) projection accepts");
    }
    int dOut = Math.toIntExact(shape[0]);
    int dIn = Math.toIntExact(shape[1]);
    Template template = main.library().lookup(structure, structureName);
    Args args = Args.parse(params).with("d_in", dIn).with("d_out", dOut);
    Structure s = template.bind(args);
    List<String> bound = new ArrayList<>();
    io.einstruct.dsl.resolve.Resolver.parameters(template.decl(), args)
        .forEach(
            (k, v) -> {
              if (!k.equals("d_in") && !k.equals("d_out")) {
                bound.add(k + "=" + v);
              }
            });
    double[][] m = new double[dOut][dIn];
    for (int r = 0; r < dOut; r++) {
      for (int c = 0; c < dIn; c++) {
        m[r][c] = w.data()[r * dIn + c];
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    long[] last = {System.nanoTime()};
    Projected p =
        Projection.project(
            s,
            m,
            options,
            (n, e) -> {
              if (System.nanoTime() - last[0] > 5_000_000_000L) {
                last[0] = System.nanoTime();
                err.printf(Locale.ROOT, "  sweep %d: relative error %.6f%n", n, e);
                err.flush();
              }
            });
    List<NamedTensor> tensors = new ArrayList<>();
    for (Factor f : s.chain()) {
      double[] v = p.factors().get(f.name()).data();
      float[] data = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        data[i] = (float) v[i];
      }
      long[] fs = new long[f.shape().length];
      for (int i = 0; i < fs.length; i++) {
        fs[i] = f.shape()[i];
      }
      tensors.add(new NamedTensor(f.name(), fs, data));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("einstruct.structure", structure);
    meta.put("einstruct.structure_source", template.decl().source().text());
    meta.put("einstruct.params", String.join(" ", params));
    meta.put("einstruct.d_in", Integer.toString(dIn));
    meta.put("einstruct.d_out", Integer.toString(dOut));
    meta.put("einstruct.equation", s.equation());
    meta.put("einstruct.projected_from", from);
    meta.put("einstruct.projection_method", p.method().key());
    meta.put("einstruct.projection_error", String.format(Locale.ROOT, "%.6g", p.relativeError()));
    Safetensors.write(out, tensors, meta);
    long dense = (long) dIn * dOut;
    o.printf(
        Locale.ROOT,
        "%s%s, %d → %d, %s: relative error %.4f%s; parameters %s → %s (%s)%n",
        s.name(),
        bound.isEmpty() ? "" : "(" + String.join(", ", bound) + ")",
        dIn,
        dOut,
        p.method().key(),
        p.relativeError(),
        p.sweeps() > 0 ? " after " + Plural.of(p.sweeps(), "sweep") : "",
        Numbers.count(dense),
        Numbers.count(s.factorParams()),
        saving(dense, s.factorParams()));
    o.printf(Locale.ROOT, "%s: %s%n", out, s.equation());
  }

  /** The 2-D matrix --from names. */
  private NamedTensor matrix() {
    String file = from;
    String tensor = null;
    int colon = from.lastIndexOf(':');
    if (!Files.exists(Path.of(from)) && colon > 0) {
      file = from.substring(0, colon);
      tensor = from.substring(colon + 1);
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw EinError.setting("from", file + " is neither a run directory nor a file");
    }
    NamedTensor w;
    if (Npy.is(path)) {
      if (tensor != null) {
        throw EinError.setting("from", file + " is a .npy file of one array; name no tensor");
      }
      w = Npy.read(path);
    } else {
      List<NamedTensor> all = Safetensors.read(path).tensors();
      List<String> matrices =
          all.stream().filter(t -> t.shape().length == 2).map(NamedTensor::name).toList();
      if (tensor == null) {
        if (matrices.size() != 1) {
          throw EinError.setting(
              "from",
              file
                  + " holds "
                  + Plural.of(matrices.size(), "2-D tensor")
                  + (matrices.isEmpty() ? "" : " (" + String.join(", ", matrices) + ")")
                  + "; name one as "
                  + file
                  + ":TENSOR");
        }
        tensor = matrices.get(0);
      }
      String name = tensor;
      String where = file;
      w =
          all.stream()
              .filter(t -> t.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      EinError.setting(
                          "from",
                          where
                              + " has no tensor "
                              + name
                              + (matrices.isEmpty()
                                  ? ""
                                  : "; its 2-D tensors: " + String.join(", ", matrices))));
    }
    if (w.shape().length != 2) {
      throw EinError.setting(
          "from",
          w.name() + " has " + w.shape().length + " dimensions; a matrix (d_out × d_in) has 2");
    }
    return w;
  }

  private ProjectionMethod parseMethod() {
    for (ProjectionMethod m : ProjectionMethod.values()) {
      if (m.key().equals(method.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw EinError.setting("method", "must be auto, closed-form or als, got '" + method + "'");
  }

  private int positiveSweeps() {
    if (sweeps < 1) {
      throw EinError.setting("sweeps", "must be at least 1, got " + sweeps);
    }
    return sweeps;
  }

  private static String saving(long before, long after) {
    return after == before
        ? "as many"
        : String.format(
            Locale.ROOT,
            after < before ? "%.3g× fewer" : "%.3g× more",
            after < before ? (double) before / after : (double) after / before);
  }
}
