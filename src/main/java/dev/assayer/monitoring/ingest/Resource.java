package dev.assayer.monitoring.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * One normalized resource: {@code type} such as "aws.iam.user" or "github.repository", a
 * {@code id} stable across exports of the same thing (ARN, full repository name, Okta user id…),
 * {@code attributes} as JSON-like values (String, Long, Double, Boolean, null, List, Map — never
 * Integer), the {@code source} (format name plus file or collector) and when it was observed
 * (from the file's own timestamp where it has one, else the import time).
 */
public record Resource(String type, String id, Map<String, Object> attributes, String source, Instant observedAt) {
}
