package dev.assayer.cli;

import dev.assayer.fieldwork.sampling.AttributeSampling;
import dev.assayer.fieldwork.sampling.Population;
import dev.assayer.fieldwork.sampling.PopulationException;
import dev.assayer.fieldwork.sampling.SampleSelector;
import dev.assayer.fieldwork.sampling.Selection;
import dev.assayer.fieldwork.sampling.SelectionJson;
import dev.assayer.fieldwork.sampling.SelectionVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assayer sample …}: offline sample sizes, upper deviation limits and reproducible
 * selection (docs/sampling.md). Exit codes: 0 success, 1 verify mismatch, 2 bad input.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample sizes, upper deviation limits and reproducible sample selection (works offline).",
        subcommands = {SampleCommand.Size.class, SampleCommand.UpperLimit.class, SampleCommand.Select.class,
                SampleCommand.Verify.class})
public class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Runs a subcommand body, turning bad input into a message on stderr and exit code 2. */
    abstract static class Base implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Machine-readable JSON output.")
        boolean json;

        abstract int run(PrintWriter out) throws IOException;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                int code = run(out);
                out.flush();
                return code;
            } catch (IllegalArgumentException | PopulationException e) {
                return fail(e.getMessage());
            } catch (NoSuchFileException e) {
                return fail(e.getFile() + ": no such file");
            } catch (IOException e) {
                return fail(e.getMessage());
            }
        }

        int fail(String message) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("assayer sample " + spec.name() + ": " + message);
            err.flush();
            return 2;
        }

        static BigDecimal rate(String option, String value) {
            try {
                return new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number such as 0.05, was '" + value + "'");
            }
        }

        static BigDecimal risk(String confidence) {
            BigDecimal c = rate("--confidence", confidence);
            if (c.signum() <= 0 || c.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("--confidence must be above 0 and below 1 (e.g. 0.95), was " + confidence);
            }
            return BigDecimal.ONE.subtract(c);
        }
    }

    @Command(name = "size", mixinStandardHelpOptions = true,
            description = "Statistical attribute sample size (AICPA Audit Sampling, Appendix A conventions).")
    static class Size extends Base {

        @Option(names = "--confidence", required = true, description = "Confidence, 1 − risk of over-reliance (e.g. 0.95).")
        String confidence;

        @Option(names = "--tolerable-rate", required = true, description = "Tolerable deviation rate (e.g. 0.05).")
        String tolerable;

        @Option(names = "--expected-rate", defaultValue = "0", description = "Expected population deviation rate (default 0).")
        String expected;

        @Override
        int run(PrintWriter out) {
            AttributeSampling.SampleSize s = AttributeSampling.sampleSize(risk(confidence),
                    rate("--tolerable-rate", tolerable), rate("--expected-rate", expected));
            if (json) {
                out.println("{\"sampleSize\": " + s.size() + ", \"allowedDeviations\": " + s.allowedDeviations()
                        + ", \"tooLarge\": " + s.tooLarge() + "}");
            } else if (s.size() == null) {
                out.println("No practical sample size: the expected rate is too close to the tolerable rate.");
            } else {
                out.println("Sample size " + s.size() + ", tolerating " + s.allowedDeviations() + " deviation"
                        + (s.allowedDeviations() == 1 ? "" : "s") + (s.tooLarge()
                        ? " (over 1,500: too large to be cost-effective for most tests of controls)" : "") + ".");
            }
            return 0;
        }
    }

    @Command(name = "upper-limit", mixinStandardHelpOptions = true,
            description = "Upper deviation limit for a sample, in percent rounded up to one decimal.")
    static class UpperLimit extends Base {

        @Option(names = "--confidence", required = true, description = "Confidence, 1 − risk of over-reliance (e.g. 0.95).")
        String confidence;

        @Option(names = "--size", required = true, description = "Sample size.")
        int size;

        @Option(names = "--deviations", required = true, description = "Deviations found.")
        int deviations;

        @Override
        int run(PrintWriter out) {
            BigDecimal ul = AttributeSampling.upperLimitPercent(risk(confidence), size, deviations);
            if (json) {
                out.println("{\"upperLimitPercent\": " + ul.toPlainString() + "}");
            } else {
                out.println("Upper deviation limit " + ul.toPlainString() + " % (" + deviations + " of " + size
                        + " at " + confidence + " confidence).");
            }
            return 0;
        }
    }

    @Command(name = "select", mixinStandardHelpOptions = true,
            description = "Select a reproducible sample from a population file (CSV with header, or JSONL).")
    static class Select extends Base {

        @Option(names = "--population", required = true, description = "Population file (.csv, .jsonl).")
        Path population;

        @Option(names = "--size", required = true, description = "Number of items.")
        int size;

        @Option(names = "--seed", required = true, description = "Seed (any text; record it).")
        String seed;

        @Option(names = "--method", defaultValue = "random", description = "random (default) or systematic.")
        String method;

        @Option(names = "--key-column", description = "Column (CSV) or property (JSONL) naming each row; default the first.")
        String keyColumn;

        @Option(names = "--spread-by", description = "Date column: at least one item per calendar quarter, then random.")
        String spreadBy;

        @Option(names = "--choose", split = ",", description = "Rows (1-based) the auditor adds by judgement.")
        List<Long> chosen = new ArrayList<>();

        @Option(names = "--justification", description = "Written reason for --choose (required with it).")
        String justification;

        @Override
        int run(PrintWriter out) throws IOException {
            SampleSelector.Method m = switch (method) {
                case "random" -> SampleSelector.Method.RANDOM;
                case "systematic" -> SampleSelector.Method.SYSTEMATIC;
                default -> throw new IllegalArgumentException("--method must be random or systematic, was '" + method + "'");
            };
            Population pop = Population.scan(population, Population.Format.of(population), keyColumn, spreadBy);
            Selection s = SampleSelector.select(pop, new SampleSelector.Request(m, size, seed, chosen, justification));
            if (json) {
                out.println(SelectionJson.write(s));
            } else {
                out.println("Population " + population + ": " + s.populationRows() + " rows, sha256 " + s.sha256());
                out.println("Seed " + SelectionJson.str(s.seed()) + ", " + s.method() + ", " + s.size() + " items:");
                for (Selection.Item it : s.items()) {
                    out.println("  row " + it.row() + "  " + it.key() + "  (draw " + it.draw() + ", " + it.how() + ")");
                }
                for (Selection.Item it : s.chosen()) {
                    out.println("  row " + it.row() + "  " + it.key() + "  (chosen: " + s.justification() + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-derive a selection from the population; exit 0 if it matches, 1 if not.")
    static class Verify extends Base {

        @Option(names = "--population", required = true, description = "Population file.")
        Path population;

        @Option(names = "--selection", required = true, description = "Selection JSON written by 'sample select --json'.")
        Path selection;

        @Override
        int run(PrintWriter out) throws IOException {
            Selection recorded = SelectionJson.read(selection);
            SelectionVerifier.Result r = SelectionVerifier.verify(population, recorded);
            if (json) {
                out.println("{\"matches\": " + r.matches() + ", \"difference\": " + SelectionJson.str(r.difference()) + "}");
            } else if (r.matches()) {
                out.println("Matches: " + recorded.items().size() + " items re-derived from " + population
                        + " (sha256 " + recorded.sha256() + ", seed " + SelectionJson.str(recorded.seed()) + ").");
            } else {
                out.println("Does not match: " + r.difference());
            }
            return r.matches() ? 0 : 1;
        }
    }

    /** Runs {@code assayer sample …} with the launcher's error conventions (used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SampleCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assayer: " + ex.getMessage());
            return 2;
        });
        return cli;
    }
}
