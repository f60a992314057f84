package dev.assayer.people;

/** Roster filters; null means "any". {@code text} matches name or e-mail (case-insensitive). */
public record PeopleFilter(PersonStatus status, String department, String text) {

    public static PeopleFilter all() {
        return new PeopleFilter(null, null, null);
    }
}
