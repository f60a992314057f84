package dev.assayer.demo.internal;

import java.security.SecureRandom;

/** Random sign-in passwords for the demo users: 20 characters, no look-alikes, no spaces. */
final class DemoPasswords {

    static final int LENGTH = 20;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPasswords() {
    }

    static String generate() {
        while (true) {
            StringBuilder sb = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String password = sb.toString();
            if (password.chars().distinct().count() >= 8) { // practically always; keeps the password policy happy
                return password;
            }
        }
    }
}
