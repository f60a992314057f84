package dev.assayer.monitoring.checks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link CheckRun} as JSON (Assayer's own summary), SARIF 2.1.0 (code-scanning tools) or
 * JUnit XML (CI test reports). Each stored result names the input file it came from.
 */
public final class CheckReports {

    public static final String VERSION = "0.1.0";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CheckReports() {
    }

    /** Output format names accepted by {@code check run --format}. */
    public static final List<String> FORMATS = List.of("json", "sarif", "junit");

    public static void write(String format, CheckRun run, OutputStream out) throws IOException {
        switch (format) {
            case "json" -> json(run, out);
            case "sarif" -> sarif(run, out);
            case "junit" -> junit(run, out);
            default -> throw new IllegalArgumentException("unknown report format '" + format + "' (expected json, sarif or junit)");
        }
    }

    /**
     * {"tool", "ranAt", "inputs": [{file, format, sha256, resources}], "resources", "duplicates",
     * "summary": {checks, passed, failed, errored, notApplicable}, "checks": [{id, title, severity,
     * resource, controls, criteria, origin, outcome, evaluated, pass, fail, error, results: [...],
     * omitted}]} — results are the stored FAIL and ERROR results.
     */
    public static void json(CheckRun run, OutputStream out) {
        try (JsonGenerator g = MAPPER.createGenerator(nonClosing(out))) {
            g.writeStartObject();
            g.writeStringProperty("tool", "assayer " + VERSION);
            g.writeStringProperty("ranAt", run.now().toString());
            g.writeArrayPropertyStart("inputs");
            for (CheckRun.Input in : run.inputs()) {
                g.writeStartObject();
                g.writeStringProperty("file", in.file());
                g.writeStringProperty("format", in.format());
                g.writeStringProperty("sha256", in.sha256());
                g.writeNumberProperty("resources", in.resources());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberProperty("resources", run.resources());
            g.writeNumberProperty("duplicates", run.duplicates());
            long passed = 0;
            long failed = 0;
            long errored = 0;
            long none = 0;
            for (CheckRun.Tally t : run.tallies()) {
                Outcome o = t.outcome();
                if (o == null) {
                    none++;
                } else if (o == Outcome.PASS) {
                    passed++;
                } else if (o == Outcome.FAIL) {
                    failed++;
                } else {
                    errored++;
                }
            }
            g.writeObjectPropertyStart("summary");
            g.writeNumberProperty("checks", run.tallies().size());
            g.writeNumberProperty("passed", passed);
            g.writeNumberProperty("failed", failed);
            g.writeNumberProperty("errored", errored);
            g.writeNumberProperty("notApplicable", none);
            g.writeEndObject();
            g.writeArrayPropertyStart("checks");
            for (CheckRun.Tally t : run.tallies()) {
                Check c = t.check();
                g.writeStartObject();
                g.writeStringProperty("id", c.id());
                g.writeStringProperty("title", c.title());
                g.writeStringProperty("severity", c.severity().name().toLowerCase(Locale.ROOT));
                g.writeStringProperty("resource", c.resourceType());
                g.writePOJOProperty("controls", c.controls());
                g.writePOJOProperty("criteria", c.criteria());
                g.writeStringProperty("origin", c.origin());
                g.writeStringProperty("outcome", t.outcome() == null ? "NOT_APPLICABLE" : t.outcome().name());
                g.writeNumberProperty("evaluated", t.evaluated());
                g.writeNumberProperty("pass", t.pass());
                g.writeNumberProperty("fail", t.fail());
                g.writeNumberProperty("error", t.error());
                g.writeArrayPropertyStart("results");
                for (CheckRun.Detail d : t.problems()) {
                    g.writeStartObject();
                    g.writeStringProperty("outcome", d.outcome().name());
                    g.writeStringProperty("resourceType", d.resourceType());
                    g.writeStringProperty("resourceId", d.resourceId());
                    g.writeStringProperty("message", d.message());
                    g.writeStringProperty("file", run.inputs().get(d.input()).file());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberProperty("omitted", t.problemsOmitted());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        newline(out);
    }

    /** SARIF level for a severity: critical/high → error, medium → warning, low/info → note. */
    static String level(CheckSeverity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** SARIF 2.1.0: one rule per check, one result per stored FAIL or ERROR. */
    public static void sarif(CheckRun run, OutputStream out) {
        List<CheckRun.Input> inputs = run.inputs();
        try (JsonGenerator g = MAPPER.createGenerator(nonClosing(out))) {
            g.writeStartObject();
            g.writeStringProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringProperty("version", "2.1.0");
            g.writeArrayPropertyStart("runs");
            g.writeStartObject();
            g.writeObjectPropertyStart("tool");
            g.writeObjectPropertyStart("driver");
            g.writeStringProperty("name", "Assayer");
            g.writeStringProperty("version", VERSION);
            g.writeStringProperty("informationUri", "https://github.com/assayer-dev/assayer");
            g.writeArrayPropertyStart("rules");
            for (CheckRun.Tally t : run.tallies()) {
                Check c = t.check();
                g.writeStartObject();
                g.writeStringProperty("id", c.id());
                g.writeObjectPropertyStart("shortDescription");
                g.writeStringProperty("text", c.title());
                g.writeEndObject();
                g.writeObjectPropertyStart("fullDescription");
                g.writeStringProperty("text", c.title() + " (" + c.resourceType() + ": " + c.expect().strip() + ")");
                g.writeEndObject();
                if (c.remediation() != null) {
                    g.writeObjectPropertyStart("help");
                    g.writeStringProperty("text", c.remediation());
                    g.writeEndObject();
                }
                g.writeObjectPropertyStart("defaultConfiguration");
                g.writeStringProperty("level", level(c.severity()));
                g.writeEndObject();
                g.writeObjectPropertyStart("properties");
                g.writeStringProperty("severity", c.severity().name().toLowerCase(Locale.ROOT));
                g.writeStringProperty("resource", c.resourceType());
                g.writePOJOProperty("controls", c.controls());
                g.writePOJOProperty("criteria", c.criteria());
                g.writeStringProperty("origin", c.origin());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayPropertyStart("artifacts");
            for (CheckRun.Input in : inputs) {
                g.writeStartObject();
                g.writeObjectPropertyStart("location");
                g.writeStringProperty("uri", uri(in.file()));
                g.writeEndObject();
                if (in.sha256() != null) {
                    g.writeObjectPropertyStart("hashes");
                    g.writeStringProperty("sha-256", in.sha256());
                    g.writeEndObject();
                }
                g.writeObjectPropertyStart("properties");
                g.writeStringProperty("format", in.format());
                g.writeNumberProperty("resources", in.resources());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("results");
            List<CheckRun.Tally> tallies = run.tallies();
            for (int ruleIndex = 0; ruleIndex < tallies.size(); ruleIndex++) {
                CheckRun.Tally t = tallies.get(ruleIndex);
                for (CheckRun.Detail d : t.problems()) {
                    g.writeStartObject();
                    g.writeStringProperty("ruleId", t.check().id());
                    g.writeNumberProperty("ruleIndex", ruleIndex);
                    g.writeStringProperty("kind", "fail");
                    g.writeStringProperty("level", level(t.check().severity()));
                    g.writeObjectPropertyStart("message");
                    g.writeStringProperty("text", (d.outcome() == Outcome.ERROR ? "Could not evaluate " : "")
                            + t.check().title() + ": " + d.resourceType() + " " + d.resourceId()
                            + (d.message() == null ? "" : " — " + d.message()));
                    g.writeEndObject();
                    g.writeArrayPropertyStart("locations");
                    g.writeStartObject();
                    g.writeObjectPropertyStart("physicalLocation");
                    g.writeObjectPropertyStart("artifactLocation");
                    g.writeStringProperty("uri", uri(inputs.get(d.input()).file()));
                    g.writeNumberProperty("index", d.input());
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeArrayPropertyStart("logicalLocations");
                    g.writeStartObject();
                    g.writeStringProperty("name", d.resourceId());
                    g.writeStringProperty("fullyQualifiedName", d.resourceType() + "/" + d.resourceId());
                    g.writeStringProperty("kind", "resource");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeObjectPropertyStart("properties");
                    g.writeStringProperty("outcome", d.outcome().name());
                    g.writeStringProperty("resourceType", d.resourceType());
                    g.writeStringProperty("resourceId", d.resourceId());
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("invocations");
            g.writeStartObject();
            g.writeBooleanProperty("executionSuccessful", true);
            g.writeStringProperty("endTimeUtc", run.now().toString());
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectPropertyStart("properties");
            g.writeNumberProperty("resources", run.resources());
            g.writeNumberProperty("duplicates", run.duplicates());
            g.writeNumberProperty("omittedResults", tallies.stream().mapToLong(CheckRun.Tally::problemsOmitted).sum());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        newline(out);
    }

    /** A relative path stays a relative URI reference; an absolute one becomes a file: URI. */
    static String uri(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p.toUri().toString();
        }
        StringBuilder b = new StringBuilder();
        for (Path part : p) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(URI.create("x:" + encode(part.toString())).getRawSchemeSpecificPart());
        }
        return b.toString();
    }

    private static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte x : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /**
     * JUnit XML: one testsuite per check, one testcase per evaluated resource (name "type id"),
     * with failure or error elements. Beyond the stored results, one testcase per check says how many
     * more resources passed or failed (a report of millions of testcases helps no one).
     */
    public static void junit(CheckRun run, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(nonClosing(out), "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            long tests = 0;
            long failures = 0;
            long errors = 0;
            for (CheckRun.Tally t : run.tallies()) {
                tests += testcases(t);
                failures += failures(t);
                errors += errors(t);
            }
            x.writeStartElement("testsuites");
            attr(x, "name", "assayer check run");
            attr(x, "tests", Long.toString(tests));
            attr(x, "failures", Long.toString(failures));
            attr(x, "errors", Long.toString(errors));
            attr(x, "timestamp", run.now().toString());
            x.writeCharacters("\n");
            for (CheckRun.Tally t : run.tallies()) {
                Check c = t.check();
                x.writeCharacters("  ");
                x.writeStartElement("testsuite");
                attr(x, "name", c.id());
                attr(x, "tests", Long.toString(testcases(t)));
                attr(x, "failures", Long.toString(failures(t)));
                attr(x, "errors", Long.toString(errors(t)));
                attr(x, "skipped", "0");
                attr(x, "timestamp", run.now().toString());
                x.writeCharacters("\n    ");
                x.writeStartElement("properties");
                property(x, "title", c.title());
                property(x, "severity", c.severity().name().toLowerCase(Locale.ROOT));
                property(x, "resource", c.resourceType());
                property(x, "controls", String.join(",", c.controls()));
                property(x, "criteria", String.join(",", c.criteria()));
                property(x, "evaluated", Long.toString(t.evaluated()));
                x.writeEndElement();
                for (CheckRun.Detail d : t.passes()) {
                    testcase(x, c, d, run);
                    x.writeEndElement();
                }
                for (CheckRun.Detail d : t.problems()) {
                    testcase(x, c, d, run);
                    x.writeStartElement(d.outcome() == Outcome.FAIL ? "failure" : "error");
                    attr(x, "message", d.message() == null ? "" : d.message());
                    attr(x, "type", d.outcome() == Outcome.FAIL ? c.severity().name().toLowerCase(Locale.ROOT) : "error");
                    text(x, c.title() + "\n" + d.resourceType() + " " + d.resourceId() + " ("
                            + run.inputs().get(d.input()).file() + ")\n" + (c.remediation() == null ? "" : c.remediation()));
                    x.writeEndElement();
                    x.writeEndElement();
                }
                if (t.passesOmitted() > 0) {
                    summaryCase(x, c, t.passesOmitted() + " more resources passed (not listed)", null);
                }
                if (t.problemsOmitted() > 0) {
                    summaryCase(x, c, t.problemsOmitted() + " more resources failed or could not be evaluated (not listed)",
                            t.problemsOmitted() + " more results not listed; see the JSON report for counts");
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static long testcases(CheckRun.Tally t) {
        return t.passes().size() + t.problems().size() + (t.passesOmitted() > 0 ? 1 : 0) + (t.problemsOmitted() > 0 ? 1 : 0);
    }

    private static long failures(CheckRun.Tally t) {
        return t.problems().stream().filter(d -> d.outcome() == Outcome.FAIL).count() + (t.problemsOmitted() > 0 ? 1 : 0);
    }

    private static long errors(CheckRun.Tally t) {
        return t.problems().stream().filter(d -> d.outcome() == Outcome.ERROR).count();
    }

    private static void testcase(XMLStreamWriter x, Check c, CheckRun.Detail d, CheckRun run) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        attr(x, "classname", c.id());
        attr(x, "name", d.resourceType() + " " + d.resourceId());
        attr(x, "file", run.inputs().get(d.input()).file());
    }

    private static void summaryCase(XMLStreamWriter x, Check c, String name, String failure) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        attr(x, "classname", c.id());
        attr(x, "name", name);
        if (failure != null) {
            x.writeStartElement("failure");
            attr(x, "message", failure);
            attr(x, "type", c.severity().name().toLowerCase(Locale.ROOT));
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        attr(x, "name", name);
        attr(x, "value", value);
    }

    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, clean(value));
    }

    private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
        x.writeCharacters(clean(value));
    }

    /** Characters XML 1.0 cannot carry (controls, lone surrogates) become U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(ok ? c : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    private static void newline(OutputStream out) {
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
