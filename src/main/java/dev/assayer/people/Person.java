package dev.assayer.people;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One person on the roster. {@code email} is the stable key (lower case); {@code managerEmail} names
 * another person of the roster, or null; {@code endDate} is null while the person is employed.
 */
public record Person(UUID id, String email, String name, String jobTitle, String department, String managerEmail,
        LocalDate startDate, LocalDate endDate, EmploymentType employmentType, long version) {

    /** True when the person is employed on {@code day} (started on or before it, not ended before it). */
    public boolean activeOn(LocalDate day) {
        return !startDate.isAfter(day) && (endDate == null || !endDate.isBefore(day));
    }
}
