package dev.assayer.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What is needed to raise a finding. {@code controls} are control refs or ids of the
 * organization; {@code criteria} SOC 2 criterion ids (CC6.1) or SOC 1 objective refs. A null
 * {@code source} is {@link FindingSource#other()}. {@code ownerId} (a member of the organization)
 * and {@code dueDate} are the organization's to set: an audit firm leaves them null.
 */
public record FindingDraft(String title, String description, Severity severity, FindingSource source,
        List<String> controls, List<String> criteria, UUID ownerId, LocalDate dueDate) {

    public FindingDraft {
        controls = controls == null ? List.of() : controls;
        criteria = criteria == null ? List.of() : criteria;
        source = source == null ? FindingSource.other() : source;
    }

    /** The auditor's draft: no owner and no due date (the organization sets those). */
    public static FindingDraft of(String title, String description, Severity severity, FindingSource source,
            List<String> controls, List<String> criteria) {
        return new FindingDraft(title, description, severity, source, controls, criteria, null, null);
    }
}
