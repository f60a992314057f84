package dev.assayer.evidence.internal;

import dev.assayer.evidence.EvidenceContent;
import dev.assayer.evidence.EvidenceItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The HTTP response for stored evidence bytes: exact bytes, recorded type, attachment, digests. */
final class Downloads {

    private Downloads() {
    }

    static ResponseEntity<Resource> response(EvidenceContent content) throws IOException {
        EvidenceItem item = content.item();
        MediaType type;
        try {
            type = MediaType.parseMediaType(item.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        String sha = item.sha256();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.setContentLength(item.size());
        headers.setContentDisposition(ContentDisposition.attachment().filename(item.filename(), StandardCharsets.UTF_8)
                .build());
        headers.setETag("\"" + sha + "\"");
        headers.set("X-Content-SHA256", sha);
        headers.set("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
        headers.setCacheControl("private, no-store");
        return ResponseEntity.ok().headers(headers).body(new InputStreamResource(content.open()) {
            @Override
            public long contentLength() {
                return item.size();
            }
        });
    }
}
