package dev.assayer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assayer resources show --input FILE [--format NAME] --json} (issue 5). */
@Command(name = "resources", mixinStandardHelpOptions = true, description = "Show normalized resources read from an export.")
public class ResourcesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 2;
    }
}
