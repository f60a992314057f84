package dev.assayer.finding;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A replacement of a finding's editable fields, in two groups. The <em>assessment</em> (title,
 * description, severity, source, controls, criteria) belongs to whoever raised the finding: the
 * audit firm for its findings, the organization for its own. The <em>response</em> (root cause,
 * owner, due date, corrective action plan) always belongs to the organization.
 *
 * <p>The caller's own groups are replaced as given (a null optional field is cleared). In a group
 * that belongs to the other side every field must be null (not sent) or equal to the current
 * value; a different value is refused with 403 naming the field. So a finding read with GET can
 * be sent back with one's own changes.
 */
public record FindingUpdate(String title, String description, Severity severity, FindingSource source,
        List<String> controls, List<String> criteria, String rootCause, UUID ownerId, LocalDate dueDate,
        String correctiveActionPlan) {
}
