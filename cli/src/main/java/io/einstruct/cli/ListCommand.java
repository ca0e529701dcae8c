package io.einstruct.cli;

import io.einstruct.dsl.library.Template;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code einstruct list}: the built-in structures, one line each. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the built-in structures with their parameters.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    TextTable table = new TextTable("structure", "description");
    for (Template t : main.library().builtInTemplates()) {
      table.row(t.name() + "(" + t.signature() + ")", t.doc());
    }
    var out = spec.commandLine().getOut();
    out.print(table.render(""));
    out.println();
    out.println("Describe one with: einstruct describe NAME -p d_in=1024 -p d_out=1024");
    out.flush();
    return Main.OK;
  }
}
