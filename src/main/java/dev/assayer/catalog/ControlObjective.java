package dev.assayer.catalog;

import java.util.UUID;

/**
 * A SOC 1 control objective defined by one organization (tenant data). {@code ref} is unique per
 * organization, e.g. {@code ITGC-AC-1}; {@code fromStarter} marks objectives adopted from the
 * Assayer starter set.
 */
public record ControlObjective(UUID id, String ref, String category, String series, String title, String description,
        boolean fromStarter, long version) {
}
