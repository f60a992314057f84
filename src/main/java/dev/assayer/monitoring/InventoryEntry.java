package dev.assayer.monitoring;

/** How many resources of one type the current inventory holds, and from which sources. */
public record InventoryEntry(String type, long resources, String sources) {
}
