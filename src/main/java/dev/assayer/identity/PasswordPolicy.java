package dev.assayer.identity;

import dev.assayer.shared.ApiProblem;

/** Passwords: at least 12 characters, not all the same character, not the e-mail address. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    private PasswordPolicy() {
    }

    public static void check(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiProblem.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > 200) {
            throw ApiProblem.invalidField(field, "must be at most 200 characters");
        }
        if (password.chars().distinct().count() < 4) {
            throw ApiProblem.invalidField(field, "is too simple: use at least 4 different characters");
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            throw ApiProblem.invalidField(field, "must not be the e-mail address");
        }
    }
}
