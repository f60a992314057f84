package dev.assayer.packaging.verify;

/** Verifies a package offline (issue 6; being written). */
public final class PackageVerifier {
}
