package dev.assayer.fieldwork.internal.testing;

import dev.assayer.fieldwork.PopulationService;
import dev.assayer.fieldwork.Sample;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The seam between tests and the population/sample service: reading a linked sample and asking for
 * an extension. Tests only ever link a sample by id and record results per sample item (row, key).
 */
@Component
public class SampleSource {

    private final PopulationService populations;

    public SampleSource(PopulationService populations) {
        this.populations = populations;
    }

    /**
     * The sample with its items, or empty when the user's engagement has no such sample. Runs in the
     * caller's transaction so that it sees an extension made in it (the sample service's reads are not
     * transactional, so its "not found" does not mark the caller's transaction for rollback).
     */
    public Optional<Sample> find(CurrentUser user, UUID sampleId) {
        try {
            return Optional.of(populations.sample(user, sampleId));
        } catch (ApiProblem p) {
            if (p.status() == 404) {
                return Optional.empty();
            }
            throw p;
        }
    }

    /** The samples of the user's engagement, newest first, to choose one to link (empty when none can be read). */
    public java.util.List<Sample> samples(CurrentUser user, UUID engagementId) {
        try {
            return populations.samples(user, engagementId);
        } catch (ApiProblem p) {
            return java.util.List.of();
        }
    }

    /**
     * Extends the linked sample by {@code additional} items after a deviation (the sample service
     * keeps every item already selected and marks the new ones as extension items). Its refusals
     * (e.g. a systematic sample, or a population too small) come through as they are. Empty only
     * when the sample service could not extend and the extension is recorded as requested.
     */
    public Optional<Sample> extend(CurrentUser user, UUID sampleId, int additional, String reason) {
        return Optional.of(populations.extend(user, sampleId, additional, reason).sample());
    }
}
