package dev.assayer.report.internal.bridge;

import dev.assayer.engagement.Engagement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What a bridge letter lists: facts recorded after the period end, each with its date and source. */
public record BridgeFacts(String organization, Engagement engagement, LocalDate periodEnd, LocalDate coversTo,
        int number, Instant generatedAt, List<Fact> changes, List<Fact> incidents, List<Fact> openFindings) {

    public BridgeFacts {
        changes = List.copyOf(changes);
        incidents = List.copyOf(incidents);
        openFindings = List.copyOf(openFindings);
    }

    /** One listed fact: when, what (as recorded), where it was recorded. */
    public record Fact(LocalDate date, String text, String source) {
    }

    public LocalDate from() {
        return periodEnd.plusDays(1);
    }
}
