package dev.assayer.people;

import java.time.LocalDate;

/**
 * What a user submits to create or replace a roster entry. {@code email} is the person's key
 * (stored lower case); {@code managerEmail} must name another person of the roster; a null
 * {@code employmentType} means {@link EmploymentType#EMPLOYEE}.
 */
public record PersonDraft(String name, String email, String jobTitle, String department, String managerEmail,
        LocalDate startDate, LocalDate endDate, EmploymentType employmentType) {
}
