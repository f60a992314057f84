package dev.assayer.packaging.internal;

import dev.assayer.packaging.EvidencePackage;
import dev.assayer.packaging.EvidencePackageService;
import dev.assayer.packaging.SigningKey;
import dev.assayer.packaging.SigningKeyService;
import dev.assayer.shared.tenancy.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/signing-keys (the organization's package-signing keys: list, the active public key as
 * PEM, rotation by an admin) and /api/v1/engagements/{id}/evidence-package (the signed ZIP,
 * streamed; docs/evidence-package.md).
 */
@RestController
class PackagingApiController {

    private final SigningKeyService keys;
    private final EvidencePackageService packages;

    PackagingApiController(SigningKeyService keys, EvidencePackageService packages) {
        this.keys = keys;
        this.packages = packages;
    }

    /** Every key of the organization, the active one first; retired keys still verify old packages. */
    @GetMapping("/api/v1/signing-keys")
    List<SigningKey> list(@AuthenticationPrincipal CurrentUser user) {
        return keys.list(user);
    }

    /** The active public key as PEM, e.g. for {@code assayer verify --key}. */
    @GetMapping(value = "/api/v1/signing-keys/current.pem", produces = "application/x-pem-file")
    ResponseEntity<String> currentPem(@AuthenticationPrincipal CurrentUser user) {
        SigningKey k = keys.current(user);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("public-key.pem")
                        .build().toString())
                .header("X-Key-Fingerprint", k.fingerprint())
                .body(k.publicKeyPem());
    }

    /** Retires the active key and generates a new one (admins only). */
    @PostMapping("/api/v1/signing-keys/rotate")
    SigningKey rotate(@AuthenticationPrincipal CurrentUser user) {
        return keys.rotate(user);
    }

    /** Streams the engagement's signed evidence package (application/zip). */
    @GetMapping(value = "/api/v1/engagements/{id}/evidence-package", produces = "application/zip")
    void evidencePackage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        stream(packages.prepare(user, id), response);
    }

    /** Headers first, then the ZIP straight into the response (nothing buffered beyond one block). */
    static void stream(EvidencePackage p, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(p.filename(), StandardCharsets.UTF_8).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        p.writeTo(response.getOutputStream());
        response.flushBuffer();
    }
}
