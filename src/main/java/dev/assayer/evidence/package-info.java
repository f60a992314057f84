/**
 * The evidence vault: files and links that show a control operated, stored once by SHA-256 in a
 * content-addressed, write-once store, with provenance, the period they cover, reviewer sign-off,
 * renewal and withdrawal. Nothing is ever deleted. Public face:
 * {@link dev.assayer.evidence.EvidenceService} and its records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence")
package dev.assayer.evidence;
