package dev.assayer.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * A package ready to stream, made by {@link EvidencePackageService#prepare}: every check (role,
 * engagement, what the user may see) is done, nothing has been written yet. {@link #writeTo}
 * streams the ZIP and then records the export in the activity log.
 */
public interface EvidencePackage {

    UUID engagementId();

    /** "evidence-package-&lt;engagement&gt;-&lt;date&gt;.zip". */
    String filename();

    /** Files the manifest will list (before SHA256SUMS). */
    int fileCount();

    PackageExport writeTo(OutputStream out) throws IOException;
}
