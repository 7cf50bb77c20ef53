package io.dendra.cli;

import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import picocli.CommandLine.Option;

/** {@code --target NAME|FILE}, shared by every command that needs a chip target. */
final class TargetOption {
    @Option(names = "--target", paramLabel = "NAME|FILE", defaultValue = "loihi2",
            description = "a built-in target (loihi1, loihi1_sanafe, loihi2) or a .target file (default: ${DEFAULT-VALUE})")
    String target;

    Target load() {
        return Targets.load(target);
    }
}
