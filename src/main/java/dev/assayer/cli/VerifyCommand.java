package dev.assayer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assayer verify PACKAGE.zip} (issue 6). */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify a signed evidence package offline.")
public class VerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 2;
    }
}
