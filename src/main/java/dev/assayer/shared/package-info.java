/**
 * Small, dependency-free building blocks every module may use: API problems (RFC 9457),
 * hashing and canonical JSON. Holds no domain concepts of its own.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.assayer.shared;
