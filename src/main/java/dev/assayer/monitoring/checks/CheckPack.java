package dev.assayer.monitoring.checks;

import java.nio.file.Path;
import java.util.List;

/**
 * A set of compiled checks. Loading compiles every check; a bad one is rejected with an
 * {@link dev.assayer.monitoring.ingest.InputProblem} naming the file, the line and the CEL error.
 * The built-in pack lives in classpath:monitoring/checks/{aws,scanners,github,okta,kubernetes,terraform}.yaml.
 */
public final class CheckPack {

    private final List<Check> checks;

    CheckPack(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static CheckPack builtIn() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A YAML file, or every *.yaml / *.yml file in a directory. */
    public static CheckPack load(Path fileOrDirectory) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Parses and compiles the YAML text of one file (used by uploads and the UI editor). */
    public static CheckPack parse(String filename, String yaml) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public List<Check> checks() {
        return checks;
    }

    /** This pack plus {@code other}'s checks; a duplicate id is an error naming both origins. */
    public CheckPack with(CheckPack other) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
