package io.einstruct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.einstruct.train.model.ModelInfo;
import io.einstruct.train.run.TrainConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a terminal, progress is plain lines: one at least every interval, never a redraw. */
class ProgressDisplayTest {
  @Test
  void aLogGetsAPlainLineEveryInterval() {
    StringWriter text = new StringWriter();
    ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false, 0);
    display.started(TrainConfig.defaults(), new ModelInfo(10, 20, 1, List.of(), 0), "data", 0, 4);
    display.stepped(1, 4, 2.5, 100);
    display.stepped(2, 4, 2.25, 100);
    String out = text.toString();
    assertThat(out).doesNotContain("\r");
    assertThat(out.lines().filter(l -> l.startsWith("  step ")))
        .containsExactly(
            "  step 1/4 (25%): loss 2.5000, 100 samples/s, ETA 0:00",
            "  step 2/4 (50%): loss 2.2500, 100 samples/s, ETA 0:00");
    StringWriter quiet = new StringWriter();
    ProgressDisplay slow = new ProgressDisplay(new PrintWriter(quiet), false, Long.MAX_VALUE);
    slow.started(TrainConfig.defaults(), new ModelInfo(10, 20, 1, List.of(), 0), "data", 0, 4);
    slow.stepped(1, 4, 2.5, 100);
    assertThat(quiet.toString().lines().filter(l -> l.startsWith("  step "))).isEmpty();
  }
}
