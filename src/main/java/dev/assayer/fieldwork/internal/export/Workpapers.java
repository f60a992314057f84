package dev.assayer.fieldwork.internal.export;

import dev.assayer.engagement.Engagement;
import dev.assayer.fieldwork.InformationRequest;
import dev.assayer.fieldwork.PopulationRecord;
import dev.assayer.fieldwork.SampleDetail;
import dev.assayer.fieldwork.TestOfControl;
import dev.assayer.fieldwork.TestStatus;
import dev.assayer.finding.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one export writes, read through the module's public services before any byte is
 * produced: the engagement, the firm, who exported when, the controls with their full tests, the
 * populations (all versions and samples), the sample details by sample id (population order, then
 * newest sample first), the request list and the findings raised from deviations (by deviation id).
 * {@code control} is the ref of the one control exported, or null for the whole engagement.
 */
public record Workpapers(Engagement engagement, UUID firmId, String firmName, Instant generatedAt, String generatedBy,
        String control, List<ControlPapers> controls, List<PopulationRecord> populations,
        Map<UUID, SampleDetail> samples, List<InformationRequest> requests, Map<UUID, Finding> findingsByDeviation) {

    public Workpapers {
        controls = List.copyOf(controls);
        populations = List.copyOf(populations);
        samples = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(samples));
        requests = List.copyOf(requests);
        findingsByDeviation = Map.copyOf(findingsByDeviation);
    }

    /** One control of the engagement with its tests (test of design first); {@code status} as the tests page shows it. */
    public record ControlPapers(UUID id, String ref, String title, TestStatus status, List<TestOfControl> tests) {

        public ControlPapers {
            tests = List.copyOf(tests);
        }
    }

    /** Every test, control by control. */
    public List<TestOfControl> tests() {
        List<TestOfControl> out = new ArrayList<>();
        controls.forEach(c -> out.addAll(c.tests()));
        return out;
    }

    /** The refs of the controls whose tests use each sample, for the Samples sheet. */
    public Map<UUID, List<String>> sampleUsers() {
        Map<UUID, List<String>> out = new LinkedHashMap<>();
        for (ControlPapers c : controls) {
            for (TestOfControl t : c.tests()) {
                if (t.sampleId() != null) {
                    List<String> refs = out.computeIfAbsent(t.sampleId(), k -> new ArrayList<>());
                    if (!refs.contains(c.ref())) {
                        refs.add(c.ref());
                    }
                }
            }
        }
        return out;
    }
}
