/**
 * Continuous monitoring (issue 5): resources imported from real tools and systems, CEL checks
 * mapped to controls, runs and their history, exclusions, and how automated controls operated
 * across a Type II period. The pure parts are the named interfaces {@code ingest} (formats →
 * normalized resources) and {@code checks} (the CEL engine and the built-in pack), also used by
 * the offline CLI.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package dev.assayer.monitoring;
