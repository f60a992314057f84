package dev.assayer.fieldwork.internal.export;

import dev.assayer.engagement.Engagement;
import dev.assayer.fieldwork.Deviation;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.ItemResult;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationVersion;
import dev.assayer.fieldwork.Procedure;
import dev.assayer.fieldwork.ReviewNote;
import dev.assayer.fieldwork.Sample;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.SignOff;
import dev.assayer.fieldwork.TestEvaluation;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestSizing;
import dev.assayer.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@link Workpapers} as the JSON document described in docs/workpapers.md. Every value is
 * written as recorded: texts unchanged, absent values as {@code null} (a conclusion or a management
 * response nobody wrote is null, never a default), instants as ISO-8601 UTC, dates as YYYY-MM-DD,
 * rates as plain decimals. Keys keep the documented order. No Spring, no SQL.
 */
public final class WorkpaperJson {

    /** Bumped when a key is removed or changes meaning; added keys keep the version. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private WorkpaperJson() {
    }

    public static byte[] write(Workpapers w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(w, out);
        return out.toByteArray();
    }

    public static void write(Workpapers w, OutputStream out) {
        MAPPER.writeValue(out, document(w));
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as ordered maps and lists (what {@link #write} serializes). */
    public static Map<String, Object> document(Workpapers w) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("engagement", engagement(w.engagement()));
        Map<String, Object> firm = new LinkedHashMap<>();
        firm.put("id", str(w.firmId()));
        firm.put("name", w.firmName());
        doc.put("firm", firm);
        doc.put("generatedAt", str(w.generatedAt()));
        doc.put("generatedBy", w.generatedBy());
        doc.put("filter", w.control() == null ? null : Map.of("control", w.control()));
        List<Object> controls = new ArrayList<>();
        for (Workpapers.ControlPapers c : w.controls()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", str(c.id()));
            m.put("ref", c.ref());
            m.put("title", c.title());
            m.put("status", c.status().name());
            m.put("tests", c.tests().stream().map(t -> test(t, w)).toList());
            controls.add(m);
        }
        doc.put("controls", controls);
        doc.put("populations", w.populations().stream().map(WorkpaperJson::population).toList());
        doc.put("requests", w.requests().stream().map(WorkpaperJson::request).toList());
        return doc;
    }

    private static Map<String, Object> engagement(Engagement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(e.id()));
        m.put("name", e.name());
        m.put("framework", e.framework().name());
        m.put("reportType", e.reportType().name());
        m.put("kind", e.kindLabel());
        m.put("asOfDate", str(e.asOfDate()));
        m.put("periodStart", str(e.periodStart()));
        m.put("periodEnd", str(e.periodEnd()));
        m.put("status", e.status() == null ? null : e.status().name());
        return m;
    }

    private static Map<String, Object> test(TestOfControl t, Workpapers w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(t.id()));
        m.put("kind", t.kind().name());
        m.put("status", t.status().name());
        List<Object> procedures = new ArrayList<>();
        int step = 1;
        for (Procedure p : t.procedures()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("step", step++);
            pm.put("method", p.method() == null ? null : p.method().name());
            pm.put("text", p.text());
            procedures.add(pm);
        }
        m.put("procedures", procedures);
        m.put("attributes", t.attributes().stream().map(a -> {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("code", a.code());
            am.put("description", a.description());
            return am;
        }).toList());
        m.put("populationDescription", t.populationDescription());
        m.put("sizing", sizing(t.sizing()));
        m.put("sample", t.sampleId() == null ? null : sample(t.sampleId(), w.samples().get(t.sampleId())));
        m.put("manualItems", t.manualItems().stream().map(i -> {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("key", i.key());
            im.put("description", i.description());
            return im;
        }).toList());
        m.put("items", t.items().stream().map(i -> {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("ref", i.ref());
            im.put("row", i.row());
            im.put("key", i.key());
            im.put("description", i.description());
            im.put("how", i.how());
            im.put("extension", i.extension());
            im.put("manual", i.manual());
            return im;
        }).toList());
        m.put("extensionRequests", t.extensionRequests().stream().map(x -> {
            Map<String, Object> xm = new LinkedHashMap<>();
            xm.put("additionalItems", x.additionalItems());
            xm.put("reason", x.reason());
            xm.put("requestedBy", x.requestedBy());
            xm.put("requestedAt", str(x.requestedAt()));
            xm.put("performed", x.performed());
            return xm;
        }).toList());
        Map<UUID, String> deviationRefs = new LinkedHashMap<>();
        t.deviations().forEach(d -> deviationRefs.put(d.id(), d.ref()));
        m.put("results", t.results().stream().map(r -> result(r, deviationRefs)).toList());
        m.put("evaluation", evaluation(t.evaluation()));
        m.put("deviations", t.deviations().stream().map(d -> deviation(d, w.findingsByDeviation().get(d.id()))).toList());
        m.put("conclusion", conclusion(t));
        Map<String, Object> signOffs = new LinkedHashMap<>();
        signOffs.put("preparer", signOff(t.preparer()));
        signOffs.put("reviewer", signOff(t.reviewer()));
        signOffs.put("locked", t.locked());
        m.put("signOffs", signOffs);
        m.put("reviewNotes", t.reviewNotes().stream().map(WorkpaperJson::note).toList());
        m.put("history", t.history().stream().map(h -> {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("at", str(h.at()));
            hm.put("actor", h.actor());
            hm.put("action", h.action());
            hm.put("detail", h.detail());
            return hm;
        }).toList());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", str(t.createdAt()));
        m.put("updatedAt", str(t.updatedAt()));
        m.put("version", t.version());
        return m;
    }

    private static Map<String, Object> sizing(TestSizing s) {
        if (s == null || s.method() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", s.method().name());
        m.put("frequency", s.frequency() == null ? null : s.frequency().name());
        m.put("populationSize", s.populationSize());
        m.put("confidence", s.confidence());
        m.put("tolerableRate", s.tolerableRate());
        m.put("expectedRate", s.expectedRate());
        m.put("sampleSize", s.sampleSize());
        m.put("allowedDeviations", s.allowedDeviations());
        m.put("note", s.note());
        m.put("reason", s.reason());
        return m;
    }

    /** A test's sample; {@code detail} is null only when the sample is no longer readable (then the id alone). */
    private static Map<String, Object> sample(UUID id, SampleDetail detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(id));
        if (detail == null) {
            return m;
        }
        Sample s = detail.sample();
        m.put("populationId", str(s.populationId()));
        m.put("populationName", detail.populationName());
        m.put("populationVersion", s.populationVersion());
        m.put("populationSha256", s.populationSha256());
        m.put("populationRows", detail.populationRows());
        m.put("method", s.method());
        m.put("seed", s.seed());
        m.put("size", s.size());
        m.put("originalSize", detail.originalSize());
        m.put("spreadBy", detail.spreadBy());
        m.put("justification", s.justification());
        m.put("selectedBy", s.selectedBy());
        m.put("selectedAt", str(s.selectedAt()));
        m.put("extensions", detail.extensions().stream().map(x -> {
            Map<String, Object> xm = new LinkedHashMap<>();
            xm.put("fromSize", x.fromSize());
            xm.put("toSize", x.toSize());
            xm.put("reason", x.reason());
            xm.put("extendedBy", x.extendedBy());
            xm.put("extendedAt", str(x.extendedAt()));
            return xm;
        }).toList());
        m.put("command", detail.command());
        m.put("items", s.items().stream().map(i -> {
            Map<String, Object> im = new LinkedHashMap<>();
            im.put("row", i.row());
            im.put("key", i.key());
            im.put("how", i.how());
            im.put("extension", i.extension());
            return im;
        }).toList());
        return m;
    }

    private static Map<String, Object> result(ItemResult r, Map<UUID, String> deviationRefs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", r.itemRef());
        m.put("row", r.row());
        m.put("key", r.key());
        m.put("attribute", r.attribute());
        m.put("outcome", r.outcome() == null ? null : r.outcome().name());
        m.put("note", r.note());
        m.put("evidenceIds", r.evidenceIds().stream().map(UUID::toString).toList());
        m.put("deviation", r.deviationId() == null ? null : deviationRefs.get(r.deviationId()));
        m.put("recordedBy", r.recordedBy());
        m.put("recordedAt", str(r.recordedAt()));
        return m;
    }

    private static Map<String, Object> evaluation(TestEvaluation e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", e.items());
        m.put("itemsTested", e.itemsTested());
        m.put("resultsRecorded", e.resultsRecorded());
        m.put("resultsExpected", e.resultsExpected());
        m.put("deviations", e.deviations());
        m.put("deviationsByAttribute", new java.util.TreeMap<>(e.deviationsByAttribute()));
        m.put("plannedSampleSize", e.plannedSampleSize());
        m.put("allowedDeviations", e.allowedDeviations());
        m.put("confidencePercent", e.confidencePercent());
        m.put("upperLimitPercent", e.upperLimitPercent());
        m.put("tolerableRatePercent", e.tolerableRatePercent());
        m.put("exceedsTolerableRate", e.exceedsTolerableRate());
        m.put("remarks", e.remarks());
        return m;
    }

    private static Map<String, Object> deviation(Deviation d, Finding finding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(d.id()));
        m.put("ref", d.ref());
        m.put("status", d.status() == null ? null : d.status().name());
        m.put("items", d.items());
        m.put("description", d.description());
        m.put("cause", d.cause());
        m.put("nature", d.nature() == null ? null : d.nature().name());
        m.put("compensatingControls", d.compensatingControls());
        Map<String, Object> response = null;
        if (d.managementResponse() != null) {
            response = new LinkedHashMap<>();
            response.put("text", d.managementResponse());
            response.put("by", d.respondedBy());
            response.put("at", str(d.respondedAt()));
        }
        m.put("managementResponse", response);
        m.put("createdBy", d.createdBy());
        m.put("createdAt", str(d.createdAt()));
        Map<String, Object> f = null;
        if (finding != null) {
            f = new LinkedHashMap<>();
            f.put("id", str(finding.id()));
            f.put("ref", finding.ref());
            f.put("severity", finding.severity() == null ? null : finding.severity().name());
            f.put("status", finding.status() == null ? null : finding.status().name());
        }
        m.put("finding", f);
        return m;
    }

    /** Null until an auditor concluded: Assayer never writes a conclusion or wording of its own. */
    private static Map<String, Object> conclusion(TestOfControl t) {
        if (t.conclusion() == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", t.conclusion().name());
        m.put("label", t.conclusion().label());
        m.put("resultWording", t.resultWording());
        m.put("concludedBy", t.concludedBy());
        m.put("concludedAt", str(t.concludedAt()));
        return m;
    }

    private static Map<String, Object> signOff(SignOff s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", s.by());
        m.put("at", str(s.at()));
        return m;
    }

    private static Map<String, Object> note(ReviewNote n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", n.ref());
        m.put("text", n.text());
        m.put("author", n.author());
        m.put("createdAt", str(n.createdAt()));
        m.put("response", n.response());
        m.put("respondedBy", n.respondedBy());
        m.put("respondedAt", str(n.respondedAt()));
        m.put("clearedBy", n.clearedBy());
        m.put("clearedAt", str(n.clearedAt()));
        return m;
    }

    private static Map<String, Object> population(PopulationRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(p.id()));
        m.put("name", p.name());
        m.put("latestVersion", p.latestVersion());
        m.put("createdBy", p.createdBy());
        m.put("createdAt", str(p.createdAt()));
        m.put("versions", p.versions().stream().map(WorkpaperJson::version).toList());
        m.put("samples", p.samples().stream().map(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", str(s.id()));
            sm.put("populationVersion", s.populationVersion());
            sm.put("populationSha256", s.populationSha256());
            sm.put("method", s.method());
            sm.put("seed", s.seed());
            sm.put("size", s.size());
            sm.put("selectedBy", s.selectedBy());
            sm.put("selectedAt", str(s.selectedAt()));
            return sm;
        }).toList());
        return m;
    }

    private static Map<String, Object> version(PopulationVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", v.number());
        m.put("name", v.name());
        m.put("controls", v.controlRefs());
        m.put("sourceSystem", v.sourceSystem());
        m.put("query", v.query());
        m.put("queryParameters", v.queryParameters());
        m.put("extractedBy", v.extractedBy());
        m.put("extractedAt", str(v.extractedAt()));
        m.put("periodFrom", str(v.periodFrom()));
        m.put("periodTo", str(v.periodTo()));
        m.put("keyColumn", v.keyColumn());
        m.put("dateColumn", v.dateColumn());
        m.put("format", v.format());
        m.put("filename", v.filename());
        m.put("sizeBytes", v.sizeBytes());
        m.put("rows", v.rows());
        m.put("sha256", v.sha256());
        m.put("firstDate", str(v.firstDate()));
        m.put("lastDate", str(v.lastDate()));
        m.put("outOfPeriodRows", v.outOfPeriod());
        m.put("unparseableDateRows", v.unparseableDates());
        m.put("uploadedBy", v.uploadedBy());
        m.put("uploadedAt", str(v.uploadedAt()));
        m.put("sampled", v.sampled());
        return m;
    }

    private static Map<String, Object> request(InformationRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", str(r.id()));
        m.put("ref", r.ref());
        m.put("title", r.title());
        m.put("status", r.status() == null ? null : r.status().name());
        m.put("dueDate", str(r.dueDate()));
        m.put("overdue", r.overdue());
        m.put("owner", r.ownerName());
        m.put("ownerEmail", r.ownerEmail());
        m.put("controls", r.controlRefs());
        m.put("criteria", r.criteria());
        m.put("evidenceItems", r.evidenceIds().size());
        m.put("lastFlagReason", r.lastFlagReason());
        m.put("rolledFrom", r.rolledFrom());
        m.put("createdBy", r.createdBy());
        m.put("createdAt", str(r.createdAt()));
        m.put("updatedAt", str(r.updatedAt()));
        return m;
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String str(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
