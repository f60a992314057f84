package dev.assayer.fieldwork.populations;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import dev.assayer.cli.SampleCommand;
import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementAccessService;
import dev.assayer.engagement.EngagementDraft;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.Framework;
import dev.assayer.engagement.ReportType;
import dev.assayer.identity.IdentityService;
import dev.assayer.testing.TestFirm;
import dev.assayer.testing.TestOrg;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import picocli.CommandLine;

/** A client with a Type II engagement, a firm inside it, and population files dated around its period. */
record Fixture(TestOrg client, TestFirm firm, Engagement engagement, TestFirm.Inside in) {

    /** The audited period: six months that started five months ago (so the grant is still open). */
    static final LocalDate START = LocalDate.now().minusMonths(5).withDayOfMonth(1);
    static final LocalDate END = START.plusMonths(6).minusDays(1);

    static Fixture create(IdentityService identity, EngagementService engagements, EngagementAccessService access) {
        TestOrg client = TestOrg.create(identity);
        TestFirm firm = TestFirm.create(identity);
        Engagement e = engagements.create(client.admin(), new EngagementDraft("SOC 2 Type II " + UUID.randomUUID(),
                Framework.SOC2, ReportType.TYPE2, null, START, END, List.of(), null, null, null, null, null, null));
        return new Fixture(client, firm, e, firm.inside(identity, access, client, e.id()));
    }

    UUID id() {
        return engagement.id();
    }

    /** {@code rows} changes dated inside the period (spread over it), keys CHG-1…, with a unique tag column. */
    static String csv(int rows) {
        StringBuilder b = new StringBuilder("id,merged_on,author,tag\n");
        String tag = UUID.randomUUID().toString();
        long days = END.toEpochDay() - START.toEpochDay();
        for (int i = 1; i <= rows; i++) {
            b.append("CHG-").append(i).append(',').append(START.plusDays(i * days / (rows + 1))).append(",dev")
                    .append(i % 7).append(',').append(tag).append('\n');
        }
        return b.toString();
    }

    /** A multipart import with every completeness-and-accuracy field. */
    static MockMultipartHttpServletRequestBuilder upload(String url, String filename, String content) {
        return upload(url, filename, content.getBytes(StandardCharsets.UTF_8));
    }

    static MockMultipartHttpServletRequestBuilder upload(String url, String filename, byte[] content) {
        return upload(url, filename, content, fields());
    }

    /** The completeness-and-accuracy fields of {@link #upload}; change or remove entries before sending. */
    static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "Changes merged to main");
        f.put("sourceSystem", "GitHub");
        f.put("query", "gh pr list --state merged --base main --json number,mergedAt,author");
        f.put("queryParameters", "repo=acme/app; merged between period start and end");
        f.put("extractedBy", "J. Diaz, platform lead at the client");
        f.put("extractedAt", LocalDate.now().minusDays(2) + "T14:30:00Z");
        f.put("periodFrom", START.toString());
        f.put("periodTo", END.toString());
        f.put("keyColumn", "id");
        f.put("dateColumn", "merged_on");
        return f;
    }

    static MockMultipartHttpServletRequestBuilder upload(String url, String filename, byte[] content,
            Map<String, String> fields) {
        MockMultipartHttpServletRequestBuilder b = multipart(url);
        if (content != null) {
            b.file(new MockMultipartFile("file", filename, "text/csv", content));
        }
        fields.forEach((k, v) -> {
            if (v != null) {
                b.param(k, v);
            }
        });
        return b;
    }

    record Run(int code, String out, String err) {
    }

    /** {@code ./assayer sample …} in process. */
    static Run cli(String... args) {
        CommandLine cli = SampleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
