package dev.assayer.report.internal;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Block;
import dev.assayer.report.ReportDocument.Bullets;
import dev.assayer.report.ReportDocument.Cell;
import dev.assayer.report.ReportDocument.Heading;
import dev.assayer.report.ReportDocument.Paragraph;
import dev.assayer.report.ReportDocument.Placeholder;
import dev.assayer.report.ReportDocument.Recorded;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import dev.assayer.report.ReportDocument.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a {@link ReportDocument}: object keys sorted, UTF-8, no insignificant
 * whitespace, instants as ISO-8601 UTC strings, absent values as null; each block carries its
 * {@code type} (heading, paragraph, bullets, table, placeholder, signature, recorded). The same
 * document always gives the same bytes, and {@link #read} gives the document back. Pure.
 */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public byte[] write(ReportDocument d) {
        Map<String, Object> m = new TreeMap<>();
        m.put("title", d.title());
        m.put("subtitle", d.subtitle());
        m.put("organization", d.organization());
        m.put("runningHeader", d.runningHeader());
        m.put("restrictedUse", d.restrictedUse());
        m.put("generatedAt", instant(d.generatedAt()));
        m.put("versionLabel", d.versionLabel());
        List<Object> sections = new ArrayList<>();
        for (Section s : d.sections()) {
            Map<String, Object> sm = new TreeMap<>();
            sm.put("number", s.number());
            sm.put("title", s.title());
            sm.put("blocks", s.blocks().stream().map(ReportJson::block).toList());
            sections.add(sm);
        }
        m.put("sections", sections);
        return MAPPER.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> block(Block b) {
        Map<String, Object> m = new TreeMap<>();
        switch (b) {
            case Heading h -> {
                m.put("type", "heading");
                m.put("level", h.level());
                m.put("text", h.text());
            }
            case Paragraph p -> {
                m.put("type", "paragraph");
                m.put("text", p.text());
            }
            case Bullets l -> {
                m.put("type", "bullets");
                m.put("items", l.items());
            }
            case Table t -> {
                m.put("type", "table");
                m.put("headers", t.headers());
                m.put("widthsPercent", t.widthsPercent());
                m.put("rows", t.rows().stream().map(r -> r.stream().map(ReportJson::cell).toList()).toList());
            }
            case Placeholder p -> {
                m.put("type", "placeholder");
                m.put("text", p.text());
            }
            case Signature s -> {
                m.put("type", "signature");
                m.put("name", s.name());
                m.put("title", s.title());
                m.put("signedAt", instant(s.signedAt()));
                m.put("refersTo", s.refersTo());
            }
            case Recorded r -> {
                m.put("type", "recorded");
                m.put("text", r.text());
                m.put("recorded", attribution(r.recorded()));
            }
        }
        return m;
    }

    private static Map<String, Object> cell(Cell c) {
        Map<String, Object> m = new TreeMap<>();
        m.put("text", c.text());
        m.put("recorded", attribution(c.recorded()));
        return m;
    }

    private static Map<String, Object> attribution(Attribution a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("kind", a.kind());
        m.put("recordedBy", a.recordedBy());
        m.put("recordedAt", instant(a.recordedAt()));
        return m;
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    // ------------------------------------------------------------------------------- reading

    public ReportDocument read(byte[] json) {
        JsonNode n = MAPPER.readTree(json);
        List<Section> sections = new ArrayList<>();
        for (JsonNode s : n.path("sections")) {
            List<Block> blocks = new ArrayList<>();
            for (JsonNode b : s.path("blocks")) {
                blocks.add(readBlock(b));
            }
            sections.add(new Section(str(s, "number"), str(s, "title"), blocks));
        }
        return new ReportDocument(str(n, "title"), str(n, "subtitle"), str(n, "organization"), str(n, "runningHeader"),
                str(n, "restrictedUse"), time(n, "generatedAt"), str(n, "versionLabel"), sections);
    }

    private static Block readBlock(JsonNode b) {
        return switch (b.path("type").asString("")) {
            case "heading" -> new Heading(b.path("level").asInt(2), str(b, "text"));
            case "paragraph" -> new Paragraph(str(b, "text"));
            case "bullets" -> new Bullets(strings(b.path("items")));
            case "table" -> {
                List<List<Cell>> rows = new ArrayList<>();
                for (JsonNode r : b.path("rows")) {
                    List<Cell> row = new ArrayList<>();
                    for (JsonNode c : r) {
                        row.add(new Cell(str(c, "text"), readAttribution(c.path("recorded"))));
                    }
                    rows.add(row);
                }
                List<Integer> widths = new ArrayList<>();
                b.path("widthsPercent").forEach(w -> widths.add(w.asInt()));
                yield new Table(strings(b.path("headers")), rows, widths);
            }
            case "placeholder" -> new Placeholder(str(b, "text"));
            case "signature" -> new Signature(str(b, "name"), str(b, "title"), time(b, "signedAt"), str(b, "refersTo"));
            case "recorded" -> new Recorded(str(b, "text"), readAttribution(b.path("recorded")));
            default -> throw new IllegalArgumentException("unknown block type " + b.path("type"));
        };
    }

    private static Attribution readAttribution(JsonNode a) {
        if (a == null || a.isMissingNode() || a.isNull()) {
            return null;
        }
        return new Attribution(str(a, "kind"), str(a, "recordedBy"), time(a, "recordedAt"));
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(x -> out.add(x.isNull() ? null : x.asString()));
        return out;
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    private static Instant time(JsonNode n, String field) {
        String s = str(n, field);
        return s == null ? null : Instant.parse(s);
    }
}
