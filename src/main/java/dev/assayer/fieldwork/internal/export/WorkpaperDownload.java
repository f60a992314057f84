package dev.assayer.fieldwork.internal.export;

import dev.assayer.fieldwork.WorkpaperExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The HTTP answer for an export, shared by the API and the page: an attachment with its SHA-256 in a header. */
final class WorkpaperDownload {

    private WorkpaperDownload() {
    }

    static ResponseEntity<byte[]> of(WorkpaperExport x) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(x.contentType()));
        headers.setContentLength(x.size());
        // the name is ASCII by construction (WorkpaperNames), so no RFC 5987 variant is needed
        headers.setContentDisposition(ContentDisposition.attachment().filename(x.filename()).build());
        headers.set("X-Content-SHA256", x.sha256());
        headers.setCacheControl("private, no-store");
        return ResponseEntity.ok().headers(headers).body(x.content());
    }
}
