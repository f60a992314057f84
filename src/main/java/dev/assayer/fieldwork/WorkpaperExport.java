package dev.assayer.fieldwork;

import java.time.Instant;

/**
 * One export of an engagement's workpapers, as produced: the {@code content} bytes, their
 * {@code sha256} (hex, also recorded in the activity log), the suggested {@code filename}
 * ("workpapers-&lt;engagement&gt;[-&lt;control&gt;]-&lt;date&gt;.xlsx") and, for a per-control export, the
 * control's ref ({@code control}; null for the whole engagement).
 */
public record WorkpaperExport(WorkpaperFormat format, String filename, String control, Instant generatedAt,
        String sha256, byte[] content) {

    public long size() {
        return content.length;
    }

    public String contentType() {
        return format.contentType();
    }
}
