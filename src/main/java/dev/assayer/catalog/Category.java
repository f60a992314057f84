package dev.assayer.catalog;

/** A category of a framework, e.g. SOC 2 SECURITY (required) or AVAILABILITY (optional). */
public record Category(String code, String name, boolean required, String description) {
}
