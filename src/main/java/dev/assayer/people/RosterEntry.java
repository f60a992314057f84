package dev.assayer.people;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person as the roster shows it: the stored fields plus what is computed when read — the
 * status today, the onboarding due date (start date + the configured onboarding days), the
 * access revocation due date (end date + the configured grace days) and the flags that need
 * attention (late revocation, overdue checklist items, overdue training). A GET response can be
 * sent back as a PUT; the computed fields are ignored.
 */
public record RosterEntry(UUID id, String email, String name, String jobTitle, String department, String managerEmail,
        LocalDate startDate, LocalDate endDate, EmploymentType employmentType, PersonStatus status,
        LocalDate onboardingDue, LocalDate revocationDue, List<String> flags, long version) {

    public RosterEntry {
        flags = List.copyOf(flags);
    }
}
