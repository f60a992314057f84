package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A set of compiled checks. Loading compiles every check; a bad one is rejected with an
 * {@link dev.assayer.monitoring.ingest.InputProblem} naming the file, the line and the CEL error.
 * The built-in pack lives in classpath:monitoring/checks/{aws,scanners,github,okta,kubernetes,terraform}.yaml.
 */
public final class CheckPack {

    /** The files of the built-in pack, in order (a missing one is skipped). */
    static final List<String> BUILT_IN_FILES = List.of("aws.yaml", "scanners.yaml", "github.yaml", "okta.yaml",
            "kubernetes.yaml", "terraform.yaml");

    private final List<Check> checks;
    private final List<CompiledCheck> compiled;

    CheckPack(List<Check> checks) {
        this(compile(checks), true);
    }

    private CheckPack(List<CompiledCheck> compiled, boolean unused) {
        this.compiled = List.copyOf(compiled);
        this.checks = compiled.stream().map(CompiledCheck::check).toList();
    }

    private static final class BuiltIn {
        static final CheckPack PACK = loadBuiltIn();
    }

    /** The checks shipped with Assayer (loaded and compiled once, then shared). */
    public static CheckPack builtIn() {
        return BuiltIn.PACK;
    }

    private static CheckPack loadBuiltIn() {
        CheckPack pack = new CheckPack(List.of(), true);
        for (String name : BUILT_IN_FILES) {
            try (InputStream in = CheckPack.class.getClassLoader().getResourceAsStream("monitoring/checks/" + name)) {
                if (in == null) {
                    continue;
                }
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                pack = pack.with(new CheckPack(CheckYaml.read(name, "built-in: ", yaml), true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pack;
    }

    /** A YAML file, or every *.yaml / *.yml file in a directory (sorted by name; not recursive). */
    public static CheckPack load(Path fileOrDirectory) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> entries = Files.list(fileOrDirectory)) {
                entries.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new InputProblem(fileOrDirectory.toString(), 0, 0, "cannot list the directory: " + e.getMessage());
            }
        } else {
            files.add(fileOrDirectory);
        }
        CheckPack pack = new CheckPack(List.of(), true);
        List<InputProblem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                pack = pack.with(parse(file.toString(), read(file)));
            } catch (CheckProblems e) {
                problems.addAll(e.problems());
            } catch (InputProblem e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckProblems(problems);
        }
        return pack;
    }

    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InputProblem(file.toString(), 0, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new InputProblem(file.toString(), 0, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new InputProblem(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Parses and compiles the YAML text of one file (used by uploads and the UI editor). */
    public static CheckPack parse(String filename, String yaml) {
        return new CheckPack(CheckYaml.read(filename, "", yaml), true);
    }

    public List<Check> checks() {
        return checks;
    }

    List<CompiledCheck> compiled() {
        return compiled;
    }

    /** This pack plus {@code other}'s checks; a duplicate id is an error naming both origins. */
    public CheckPack with(CheckPack other) {
        Map<String, CompiledCheck> byId = new HashMap<>();
        for (CompiledCheck c : compiled) {
            byId.put(c.check().id(), c);
        }
        List<InputProblem> problems = new ArrayList<>();
        for (CompiledCheck c : other.compiled) {
            CompiledCheck earlier = byId.get(c.check().id());
            if (earlier != null) {
                problems.add(problemAt(c.check(), "check '" + c.check().id() + "': duplicate id (also defined at "
                        + earlier.check().origin() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckProblems(problems);
        }
        List<CompiledCheck> all = new ArrayList<>(compiled);
        all.addAll(other.compiled);
        return new CheckPack(all, true);
    }

    private static InputProblem problemAt(Check check, String message) {
        String origin = check.origin() == null ? "" : check.origin().replaceFirst("^built-in: ", "");
        int colon = origin.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new InputProblem(origin.substring(0, colon), Long.parseLong(origin.substring(colon + 1)), 0, message);
            } catch (NumberFormatException e) {
                // not file:line
            }
        }
        return new InputProblem(origin.isEmpty() ? "checks" : origin, 0, 0, message);
    }

    private static List<CompiledCheck> compile(List<Check> checks) {
        List<CompiledCheck> out = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        for (Check c : checks) {
            String label = "check '" + c.id() + "'";
            try {
                Cel.Expr where = c.where() == null || c.where().isBlank() ? null : Cel.compile(c.where());
                Cel.Expr expect = Cel.compile(c.expect());
                out.add(new CompiledCheck(c, TypeSelector.of(c.resourceType()), where, expect));
            } catch (Cel.CompileError e) {
                problems.add(problemAt(c, label + ": " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckProblems(problems);
        }
        return out;
    }
}
