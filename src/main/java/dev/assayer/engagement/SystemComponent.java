package dev.assayer.engagement;

/** One component of the system in scope (DC3). */
public record SystemComponent(ComponentType type, String name, String description) {
}
