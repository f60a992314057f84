package dev.assayer.people;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person's onboarding checklist (due {@code onboardingDue}) and, once the person has an end
 * date, the offboarding checklist (access revocation due {@code revocationDue}; empty otherwise).
 */
public record Checklist(UUID personId, LocalDate onboardingDue, List<ChecklistEntry> onboarding,
        LocalDate revocationDue, List<ChecklistEntry> offboarding) {

    public Checklist {
        onboarding = List.copyOf(onboarding);
        offboarding = List.copyOf(offboarding);
    }
}
