package io.dendra.cli;

import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.Targets;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendra targets [NAME|FILE] [--json]}: lists the built-in targets, or prints one with the source of every number. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = {"List the built-in chip targets, or print one (a built-in name or a .target file) with the source of every number.",
                "Copy a built-in (dendra targets loihi2 > my.target), change numbers, and pass --target my.target."})
final class TargetsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|FILE", description = "a built-in target name or a .target file")
    String target;

    @Option(names = "--json", description = "print JSON instead of the target language")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (target == null) {
            for (String name : Targets.BUILT_IN) {
                Target t = Targets.builtIn(name);
                out.printf(Locale.ROOT, "%-14s %s (%d cores per chip, %d chips per board)%n", name, t.description(), t.coresPerChip(), t.chipsPerBoard());
            }
            out.println("print one with: dendra targets NAME [--json]");
        } else {
            Target t = Targets.load(target);
            out.print(json ? TargetPrinter.json(t) : TargetPrinter.text(t));
        }
        out.flush();
        return 0;
    }
}
