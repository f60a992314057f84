package dev.assayer.policy;

/** A starter policy: its key (also the default policy key), title and a one-line summary. */
public record PolicyTemplate(String key, String title, String summary) {
}
