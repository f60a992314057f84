package dev.assayer.monitoring;

import dev.assayer.evidence.CollectionMethod;
import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.shared.tenancy.CurrentUser;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Monitoring's public face (being written: issue 5). Signatures other engineers rely on are fixed
 * here; bodies are filled in by the monitoring engineer.
 */
@Service
public class MonitoringService {

    /**
     * Imports one export: streams it to a temporary file (SHA-256), detects or checks the format,
     * reads every resource (an InputProblem → 400 naming file and position, nothing stored), then in
     * one transaction stores the raw file as evidence (provenance: {@code method}, {@code sourceSystem},
     * who) and the resources as the current inventory of {@code source} (e.g. "upload:prowler-ocsf"
     * or "collector:github-main"). {@code formatName} null = detect; {@code options} carries the
     * generic mapping (may be null).
     */
    public ImportSummary importFile(CurrentUser user, String source, String filename, String formatName,
            FormatOptions options, InputStream content, CollectionMethod method, String sourceSystem) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Check history of the organization between two instants, for the period view (oldest first). */
    public List<RunObservation> observations(UUID orgId, Instant from, Instant to) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
