package io.einstruct.cli;

import io.einstruct.dsl.EinError;
import io.einstruct.train.run.ModelKind;
import io.einstruct.train.run.TextSampler;
import io.einstruct.train.run.TrainedRun;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct sample}: text from a trained byte-level GPT, streamed as it is drawn. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate text from a GPT run: bytes are drawn one at a time after --prompt and written to"
          + " standard output as they come; the same --seed gives the same text.",
      "",
      "Example: einstruct sample runs/gpt-btt --prompt 'def main(' --tokens 200 --temperature 0.8"
    })
final class SampleCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "RUN_DIR",
      description = "A run directory of einstruct train --model gpt.")
  Path run;

  @Option(
      names = "--prompt",
      defaultValue = "",
      paramLabel = "TEXT",
      description = "Text to continue (UTF-8).")
  String prompt;

  @Option(
      names = "--tokens",
      defaultValue = "200",
      paramLabel = "N",
      description = "Bytes to generate (200).")
  int tokens;

  @Option(
      names = "--temperature",
      defaultValue = "0.8",
      paramLabel = "T",
      description = "Divides the logits; 0 always takes the most likely byte (0.8).")
  double temperature;

  @Option(
      names = "--top-k",
      defaultValue = "0",
      paramLabel = "K",
      description = "Draw only from the K most likely bytes (0: all).")
  int topK;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the draws (0).")
  long seed;

  @Override
  public Integer call() {
    TextSampler.Settings settings;
    try {
      settings = new TextSampler.Settings(tokens, temperature, topK, seed);
    } catch (EinError e) {
      throw EinError.of("--" + e.setting().orElse("tokens").replace('_', '-'), e.detail());
    }
    if (!java.nio.file.Files.isDirectory(run)) {
      throw EinError.of(run.toString(), "no such run directory");
    }
    try (TrainedRun trained = TrainedRun.open(main.library(), run)) {
      if (trained.config().model().kind() != ModelKind.GPT) {
        throw EinError.of(
            run.toString(),
            "is a " + trained.config().model().kind().key() + " run; sample needs a gpt run");
      }
      var out = spec.commandLine().getOut();
      out.print(prompt);
      out.flush();
      // bytes become text as whole UTF-8 sequences arrive; a broken one shows as U+FFFD
      CharsetDecoder utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      ByteBuffer pending = ByteBuffer.allocate(8);
      CharBuffer chars = CharBuffer.allocate(16);
      long start = System.nanoTime();
      new TextSampler(trained.model(), trained.config().data().context())
          .generate(
              prompt.getBytes(StandardCharsets.UTF_8),
              settings,
              b -> {
                pending.put((byte) b);
                pending.flip();
                utf8.decode(pending, chars, false);
                pending.compact();
                chars.flip();
                out.print(chars);
                chars.clear();
                out.flush();
              });
      pending.flip();
      utf8.decode(pending, chars, true);
      utf8.flush(chars);
      chars.flip();
      out.println(chars);
      out.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      var err = spec.commandLine().getErr();
      err.println(
          String.format(
              Locale.ROOT,
              "%s in %.1f s (%.1f tokens/s; no key/value cache: each token runs its whole window of"
                  + " %d)",
              io.einstruct.dsl.Plural.of(tokens, "token"),
              seconds,
              tokens / seconds,
              trained.config().data().context()));
      err.flush();
    }
    return Main.OK;
  }
}
