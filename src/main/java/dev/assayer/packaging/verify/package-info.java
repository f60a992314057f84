/** Offline verification of an evidence package: signature and every file's SHA-256. No Spring, no SQL. */
@org.springframework.modulith.NamedInterface("verify")
package dev.assayer.packaging.verify;
