package dev.assayer.cli;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** {@code assayer resources show --input FILE [--format NAME] [--type T --id-field F] [--json]} (issue 5). */
@Command(name = "resources", mixinStandardHelpOptions = true, description = "Show normalized resources read from an export.",
        subcommands = {ResourcesCommand.Show.class, ResourcesCommand.Formats.class})
public class ResourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Read one export (format detected, or named with --format) and print its normalized resources. "
                    + "Exit 0 when read, 2 on bad input (named file and position on stderr).")
    static class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "The export to read.")
        Path input;

        @Option(names = "--format", description = "Input format name (see 'assayer resources formats'); default: detect.")
        String format;

        @Option(names = "--type", description = "Generic formats: the resource type to assign (e.g. hr.person).")
        String type;

        @Option(names = "--id-field", description = "Generic formats: the field holding each record's stable id.")
        String idField;

        @Option(names = "--field", description = "Generic formats: keep only these fields, renamed (FROM=TO; repeatable).")
        Map<String, String> fields = new LinkedHashMap<>();

        @Option(names = "--json", description = "JSON: {\"format\", \"file\", \"resources\": [...], \"count\"} (streamed).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                InputFile file = InputFile.open(input, format);
                var options = InputFile.options(Instant.now(), type, idField, fields);
                if (json) {
                    JsonMapper mapper = JsonMapper.builder().build();
                    try (JsonGenerator g = mapper.createGenerator(new NonClosingWriter(out))) {
                        g.writeStartObject();
                        g.writeStringProperty("format", file.format.name());
                        g.writeStringProperty("file", file.name);
                        g.writeArrayPropertyStart("resources");
                        long[] count = {0};
                        file.read(options, r -> {
                            g.writeRaw("\n  ");
                            g.writeStartObject();
                            g.writeStringProperty("type", r.type());
                            g.writeStringProperty("id", r.id());
                            g.writeStringProperty("source", r.source());
                            g.writeStringProperty("observedAt", r.observedAt() == null ? null : r.observedAt().toString());
                            g.writePOJOProperty("attributes", r.attributes());
                            g.writeEndObject();
                            count[0]++;
                        });
                        g.writeRaw("\n");
                        g.writeEndArray();
                        g.writeNumberProperty("count", count[0]);
                        g.writeEndObject();
                    }
                    out.println();
                } else {
                    out.println("Format: " + file.format.name() + " (" + file.format.description() + ")");
                    out.println("File:   " + file.name);
                    Map<String, Long> perType = new TreeMap<>();
                    String sha = file.read(options, r -> {
                        out.println("  " + r.type() + "  " + r.id() + "  " + summary(r));
                        perType.merge(r.type(), 1L, Long::sum);
                    });
                    long total = perType.values().stream().mapToLong(Long::longValue).sum();
                    out.println(total + " resource" + (total == 1 ? "" : "s") + (perType.isEmpty() ? "" : " ("
                            + String.join(", ", perType.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                            + ")") + "; sha256 " + sha);
                }
                out.flush();
                return 0;
            } catch (InputProblem e) {
                out.flush();
                return fail(spec, "resources show", e.getMessage());
            } catch (RuntimeException e) {
                out.flush();
                return fail(spec, "resources show", input + ": unexpected error: " + e);
            }
        }

        private static String summary(Resource r) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
                if (b.length() > 100) {
                    b.append(", …");
                    break;
                }
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                String v = String.valueOf(e.getValue());
                b.append(e.getKey()).append('=').append(v.length() > 40 ? v.substring(0, 39) + "…" : v);
            }
            return b.toString().replace('\n', ' ').replace('\r', ' ');
        }
    }

    @Command(name = "formats", mixinStandardHelpOptions = true, description = "List the input formats Assayer reads.")
    static class Formats implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (ResourceFormat f : ResourceFormats.all()) {
                out.println(f.name() + "  " + f.description());
            }
            out.flush();
            return 0;
        }
    }

    static int fail(CommandSpec spec, String command, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("assayer " + command + ": " + message);
        err.flush();
        return 2;
    }

    /** Lets the JSON generator close without closing the command's output. */
    static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(java.io.Writer out) {
            super(out);
        }

        @Override
        public void close() {
            try {
                flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code assayer resources …} with the launcher's error conventions (used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ResourcesCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assayer: " + ex.getMessage());
            return 2;
        });
        return cli;
    }
}
