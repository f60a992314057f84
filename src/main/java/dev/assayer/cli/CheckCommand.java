package dev.assayer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assayer check run --input FILE … [--checks DIR] [--format json|sarif|junit] [--output FILE]} (issue 5). */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Run monitoring checks offline.")
public class CheckCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 2;
    }
}
