package dev.assayer.monitoring.internal.period;

import dev.assayer.engagement.Engagement;
import dev.assayer.engagement.EngagementService;
import dev.assayer.engagement.ReportType;
import dev.assayer.fieldwork.PopulationMetadata;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.PopulationService;
import dev.assayer.monitoring.MonitoringService;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.platform.PullRequestPopulation;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * A population check over the engagement's period: every pull request merged to its repository's
 * default branch in the period (from the current GitHub inventory), the share approved by someone
 * other than the author, and each exception. The population file is the exact CSV that fieldwork
 * can take for sampling (the auditor hands it over inside the engagement, with its
 * completeness-and-accuracy record naming where it came from).
 */
@Service
public class PullRequestPopulationService {

    public static final String TYPE = "github.pull_request";

    /** One row of the population; {@code approvedByOther} null when reviews were not collected. */
    public record PullRequestRow(String key, Instant mergedAt, String repository, String author, String approvers,
            Boolean approvedByOther) {
    }

    /** The check's result: the population file (CSV, SHA-256), counts and the exceptions. */
    public record PullRequestReview(UUID engagementId, LocalDate from, LocalDate to, int merged, int approvedByOther,
            int notApproved, int reviewsUnknown, List<PullRequestRow> exceptions, String sha256, byte[] csv) {

        public double shareApprovedByOther() {
            return merged == 0 ? 0 : (double) approvedByOther / merged;
        }
    }

    private final MonitoringService monitoring;
    private final EngagementService engagements;
    private final PopulationService populations;
    private final Clock clock = Clock.systemUTC();

    PullRequestPopulationService(MonitoringService monitoring, EngagementService engagements,
            PopulationService populations) {
        this.monitoring = monitoring;
        this.engagements = engagements;
        this.populations = populations;
    }

    public PullRequestReview review(CurrentUser user, UUID engagementId) {
        user.require(Permission.CONTROL_READ);
        user.requireEngagement(engagementId);
        Engagement e = engagements.get(user, engagementId);
        if (e.reportType() != ReportType.TYPE2) {
            throw ApiProblem.invalidField("engagementId",
                    "a population over the period applies to Type II engagements; this one is Type I");
        }
        List<Resource> prs = new ArrayList<>();
        monitoring.forEachCurrentResource(user.orgId(), TYPE, prs::add);
        StringBuilder csv = new StringBuilder();
        PullRequestPopulation.toCsv(prs, e.periodStart(), e.periodEnd(), csv);
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);

        int merged = 0;
        int approved = 0;
        int notApproved = 0;
        int unknown = 0;
        List<PullRequestRow> exceptions = new ArrayList<>();
        try {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv.toString()))) {
                merged++;
                String flag = r.get("approved_by_other");
                Boolean ok = flag.isEmpty() ? null : Boolean.valueOf(flag);
                PullRequestRow row = new PullRequestRow(r.get("key"), Instant.parse(r.get("merged_at")),
                        r.get("repository"), r.get("author"), r.get("approvers"), ok);
                if (Boolean.TRUE.equals(ok)) {
                    approved++;
                } else {
                    if (ok == null) {
                        unknown++;
                    } else {
                        notApproved++;
                    }
                    exceptions.add(row);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new PullRequestReview(e.id(), e.periodStart(), e.periodEnd(), merged, approved, notApproved, unknown,
                List.copyOf(exceptions), Hashing.sha256Hex(bytes), bytes);
    }

    /**
     * The auditor takes the population into fieldwork (FIELDWORK_WRITE inside the engagement): the
     * same bytes, with a completeness-and-accuracy record saying where they came from, so a sample
     * can be selected from it.
     */
    public PopulationRecord handToFieldwork(CurrentUser user, UUID engagementId) {
        user.require(Permission.FIELDWORK_WRITE);
        PullRequestReview review = review(user, engagementId);
        if (review.merged() == 0) {
            throw new ApiProblem(422, "Empty population",
                    "No pull request merged to a default branch in the period is in the GitHub inventory; "
                            + "import pull requests (format github-pulls) or run the GitHub collector first",
                    List.of());
        }
        PopulationRecord record = populations.importPopulation(user, engagementId, new PopulationMetadata(
                "Pull requests merged to the default branch", List.of(), "GitHub (Assayer monitoring inventory)",
                "Current github.pull_request inventory, merged_at within the period and base branch = "
                        + "the repository's default branch",
                "period " + review.from() + " to " + review.to() + "; population SHA-256 " + review.sha256(),
                user.label(), clock.instant(), review.from(), review.to(), "key", "merged_at", "csv"),
                "pull-requests-merged-" + review.from() + "-" + review.to() + ".csv",
                new ByteArrayInputStream(review.csv()));
        return record; // the population's import is in the activity log (fieldwork records it)
    }
}
