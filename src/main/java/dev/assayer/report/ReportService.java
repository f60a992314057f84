package dev.assayer.report;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Report drafts, frozen versions and the assertion sign-off (being written: issue 6). */
@Service
public class ReportService {

    /** The newest frozen version of an engagement's report, for the evidence package. */
    public Optional<ReportVersionSummary> latestVersion(UUID orgId, UUID engagementId) {
        return Optional.empty();
    }
}
