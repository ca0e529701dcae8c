package io.einstruct.train.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where one session run spent its time, from TensorFlow's step statistics: every executed node with
 * its op type and how long it ran. Kernels running in parallel overlap, so the sum of the times can
 * exceed the run's wall time.
 *
 * @param ops the executed nodes, in the order TensorFlow reported them
 * @param wallMicros the run's wall time as the caller measured it
 */
public record StepTrace(List<OpTime> ops, long wallMicros) {
  /**
   * One executed node.
   *
   * @param node its name in the graph
   * @param type its op type ({@code MatMul}, {@code Transpose}, ...; {@code _Mkl...} for oneDNN)
   * @param micros how long its kernel ran
   * @param shape the static shape of its first output (-1 for the batch), or empty
   */
  public record OpTime(String node, String type, long micros, String shape) {}

  public StepTrace {
    ops = List.copyOf(ops);
  }

  /** The trace in {@code metadata}, op types looked up in {@code graph}. */
  static StepTrace of(RunMetadata metadata, Graph graph, long wallMicros) {
    List<OpTime> ops = new ArrayList<>();
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        String name = node.getNodeName();
        GraphOperation op = graph.operation(name);
        String label = node.getTimelineLabel();
        // TensorFlow's rewrites (oneDNN, fusion) add nodes the graph does not hold; their
        // timeline label reads "name = Type(inputs)"
        String type =
            op != null
                ? op.type()
                : label.contains(" = ") && label.contains("(")
                    ? label.substring(
                        label.indexOf(" = ") + 3, label.indexOf('(', label.indexOf(" = ")))
                    : name;
        String shape = op != null && op.numOutputs() > 0 ? op.output(0).shape().toString() : "";
        ops.add(new OpTime(name, type, node.getAllEndRelMicros(), shape));
      }
    }
    return new StepTrace(ops, wallMicros);
  }

  /** Microseconds per key of {@code classify}, largest first. */
  public Map<String, Long> totals(java.util.function.Function<OpTime, String> classify) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (OpTime op : ops) {
      totals.merge(classify.apply(op), op.micros(), Long::sum);
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(totals.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Map<String, Long> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
