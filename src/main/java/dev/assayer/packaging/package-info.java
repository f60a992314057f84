/**
 * Signed evidence packages for the auditor (issue 6): per-organization Ed25519 keys (private key
 * sealed at rest), the ZIP with manifest.json and its signature, optional RFC 3161 time-stamps.
 * The offline verifier is the named interface {@code verify}, also used by the CLI.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evidence packages")
package dev.assayer.packaging;
