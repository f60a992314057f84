package dev.assayer.activity;

/**
 * Result of re-computing an organization's activity chain. When {@code ok} is false,
 * {@code firstBrokenSeq} names the first entry that does not match and {@code reason} says how.
 */
public record ChainVerification(boolean ok, long entries, Long firstBrokenSeq, String reason, String headHash) {
}
