package dev.assayer.cli;

import dev.assayer.monitoring.checks.CheckPack;
import dev.assayer.monitoring.checks.CheckReports;
import dev.assayer.monitoring.checks.CheckRun;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code assayer check run --input FILE … [--checks DIR] [--format json|sarif|junit] [--output FILE]} (issue 5). */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Run monitoring checks offline.",
        subcommands = {CheckCommand.Run.class, CheckCommand.ListChecks.class})
public class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Evaluate the built-in checks (and --checks) over exports. Exit 0 when nothing fails, 1 when a check "
                    + "fails or cannot be evaluated, 2 on bad input or a bad check file (then nothing is written).")
    static class Run implements Callable<Integer> {

        private static final int BATCH = 512;
        private static final int QUEUED_BATCHES = 4;

        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "An export to check (repeatable; format detected per file).")
        List<Path> inputs = new ArrayList<>();

        @Option(names = "--checks", description = "A YAML check file or a directory of them, added to the built-in pack.")
        Path checks;

        @Option(names = "--no-built-in", description = "Run only the --checks, not the built-in pack.")
        boolean noBuiltIn;

        @Option(names = "--format", defaultValue = "json", description = "Report: json (default), sarif or junit.")
        String format;

        @Option(names = "--output", description = "Write the report here (default: standard output).")
        Path output;

        @Option(names = "--input-format", description = "Name the input format instead of detecting it (applies to every input).")
        String inputFormat;

        @Option(names = "--type", description = "Generic formats: the resource type to assign.")
        String type;

        @Option(names = "--id-field", description = "Generic formats: the field holding each record's stable id.")
        String idField;

        @Option(names = "--field", description = "Generic formats: keep only these fields, renamed (FROM=TO; repeatable).")
        Map<String, String> fields = new LinkedHashMap<>();

        @Option(names = "--now", description = "The run's time for age checks (ISO-8601, e.g. 2026-06-30T00:00:00Z); default: now.")
        String now;

        @Option(names = "--max-details", defaultValue = "1000",
                description = "Results kept per check in the report (the rest are counted); default ${DEFAULT-VALUE}.")
        int maxDetails;

        @Option(names = "--progress", description = "Report resources read on stderr (on by default when a terminal is attached).")
        boolean progress;

        @Option(names = "--parse-only", hidden = true, description = "Benchmark: read every input, evaluate nothing.")
        boolean parseOnly;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!CheckReports.FORMATS.contains(format)) {
                return ResourcesCommand.fail(spec, "check run", "--format must be json, sarif or junit, was '" + format + "'");
            }
            Instant at;
            try {
                at = now == null ? Instant.now() : Instant.parse(now);
            } catch (DateTimeParseException e) {
                return ResourcesCommand.fail(spec, "check run", "--now must be an ISO-8601 instant such as 2026-06-30T00:00:00Z, was '"
                        + now + "'");
            }
            boolean showProgress = progress || interactive();
            try {
                CheckPack pack = noBuiltIn ? CheckPack.parse("none", "") : CheckPack.builtIn();
                if (checks != null) {
                    pack = pack.with(CheckPack.load(checks));
                }
                List<InputFile> files = new ArrayList<>();
                for (Path p : inputs) {
                    files.add(InputFile.open(p, inputFormat));
                }
                FormatOptions options = InputFile.options(at, type, idField, fields);
                if (parseOnly) {
                    long n = 0;
                    for (InputFile f : files) {
                        long[] count = {0};
                        f.read(options, r -> count[0]++);
                        n += count[0];
                    }
                    err.println("assayer check run: parsed " + n + " resources (--parse-only: nothing evaluated)");
                    err.flush();
                    return 0;
                }
                CheckRun run = new CheckRun(pack, at, maxDetails);
                evaluate(run, files, options, showProgress ? err : null);
                byte[] report = render(run);
                if (output != null) {
                    writeAtomically(output, report);
                } else {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(new String(report, StandardCharsets.UTF_8));
                    out.flush();
                }
                err.println(summary(run));
                err.flush();
                return run.anyFailedOrErrored() ? 1 : 0;
            } catch (InputProblem e) {
                return ResourcesCommand.fail(spec, "check run", e.getMessage());
            } catch (IOException e) {
                return ResourcesCommand.fail(spec, "check run", (output == null ? "" : output + ": ") + "cannot write the report: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                return ResourcesCommand.fail(spec, "check run", "unexpected error: " + e);
            }
        }

        /** A terminal is attached (Console.isTerminal() on Java 22+, a non-null console before). */
        private static boolean interactive() {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }

        private record Batch(int input, List<Resource> resources) {
        }

        private static final Batch END = new Batch(-1, List.of());

        /**
         * Reads on this thread and evaluates on a second one (two cores: parsing and evaluating
         * overlap), handing over batches in order so "the last copy wins" holds.
         */
        @SuppressWarnings("unchecked")
        private void evaluate(CheckRun run, List<InputFile> files, FormatOptions options, PrintWriter progressTo) {
            // A short queue: batches waiting for the evaluator stay young garbage instead of being promoted
            // (a 64-batch queue kept ~50 MB of resources live and cost a third of the run in GC pauses).
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
            RuntimeException[] failure = new RuntimeException[1];
            Thread worker = Thread.ofPlatform().name("assayer-check-eval").start(() -> {
                try {
                    while (true) {
                        Batch b = queue.take();
                        if (b == END) {
                            return;
                        }
                        for (Resource r : b.resources()) {
                            run.add(r, b.input());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure[0] = e;
                    queue.clear();
                }
            });
            try {
                for (InputFile f : files) {
                    int input = run.addInput(f.name, f.format.name());
                    List<Resource>[] batch = new List[] {new ArrayList<Resource>(BATCH)};
                    long[] count = {0};
                    String sha = f.read(options, r -> {
                        batch[0].add(r);
                        count[0]++;
                        if (batch[0].size() == BATCH) {
                            put(queue, new Batch(input, batch[0]), worker);
                            batch[0] = new ArrayList<>(BATCH);
                        }
                        if (progressTo != null && count[0] % 100_000 == 0) {
                            progressTo.println("assayer check run: " + f.name + ": " + count[0] + " resources read");
                            progressTo.flush();
                        }
                    });
                    if (!batch[0].isEmpty()) {
                        put(queue, new Batch(input, batch[0]), worker);
                    }
                    run.inputRead(input, sha, count[0]);
                    if (progressTo != null) {
                        progressTo.println("assayer check run: " + f.name + ": " + count[0] + " resources (" + f.format.name() + ")");
                        progressTo.flush();
                    }
                }
            } finally {
                if (worker.isAlive()) {
                    put(queue, END, worker);
                }
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        }

        private static void put(BlockingQueue<Batch> queue, Batch b, Thread worker) {
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (!worker.isAlive()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private byte[] render(CheckRun run) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            CheckReports.write(format, run, buffer);
            return buffer.toByteArray();
        }

        /** Writes next to the target and moves into place, so a failed run never leaves a partial report. */
        private static void writeAtomically(Path target, byte[] content) throws IOException {
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    out.write(content);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static String summary(CheckRun run) {
            long passed = 0;
            long failed = 0;
            long errored = 0;
            long none = 0;
            for (CheckRun.Tally t : run.tallies()) {
                var o = t.outcome();
                if (o == null) {
                    none++;
                } else {
                    switch (o) {
                        case PASS -> passed++;
                        case FAIL -> failed++;
                        default -> errored++;
                    }
                }
            }
            return "assayer check run: " + run.resources() + " resources from " + run.inputs().size() + " file"
                    + (run.inputs().size() == 1 ? "" : "s") + (run.duplicates() > 0 ? " (" + run.duplicates()
                    + " duplicate" + (run.duplicates() == 1 ? "" : "s") + " by type and id: the last copy counted)" : "")
                    + ", " + run.tallies().size() + " checks: " + passed + " passed, " + failed + " failed, " + errored
                    + " could not be evaluated, " + none + " not applicable";
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the checks (built-in and --checks).")
    static class ListChecks implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--checks", description = "A YAML check file or a directory of them.")
        Path checks;

        @Override
        public Integer call() {
            try {
                CheckPack pack = CheckPack.builtIn();
                if (checks != null) {
                    pack = pack.with(CheckPack.load(checks));
                }
                PrintWriter out = spec.commandLine().getOut();
                for (var c : pack.checks()) {
                    out.println(c.id() + "  [" + c.severity().name().toLowerCase(java.util.Locale.ROOT) + "]  " + c.resourceType()
                            + "  " + c.title() + "  (" + String.join(", ", c.controls()) + "; " + String.join(", ", c.criteria())
                            + ")");
                }
                out.println(pack.checks().size() + " checks");
                out.flush();
                return 0;
            } catch (InputProblem e) {
                return ResourcesCommand.fail(spec, "check list", e.getMessage());
            }
        }
    }

    /** Runs {@code assayer check …} with the launcher's error conventions (used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CheckCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assayer: " + ex.getMessage());
            return 2;
        });
        return cli;
    }
}
