package dev.assayer.report.internal;

import dev.assayer.report.ReportFile;
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

/** The download response of report versions and bridge letters (API and pages alike). */
public final class ReportDownload {

    private ReportDownload() {
    }

    /**
     * A frozen report file as an attachment: its SHA-256 as ETag, {@code X-Content-SHA256} and
     * {@code Repr-Digest}, never cached; streamed from the evidence vault.
     */
    public static ResponseEntity<Resource> of(ReportFile f) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(f.contentType()));
        headers.setContentLength(f.size());
        headers.setContentDisposition(ContentDisposition.attachment().filename(f.filename(), StandardCharsets.UTF_8)
                .build());
        headers.setETag("\"" + f.sha256() + "\"");
        headers.set("X-Content-SHA256", f.sha256());
        headers.set("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(f.sha256()))
                + ":");
        headers.setCacheControl("private, no-store");
        long size = f.size();
        return ResponseEntity.ok().headers(headers).body(new InputStreamResource(f.open()) {
            @Override
            public long contentLength() {
                return size;
            }
        });
    }
}
