/**
 * Checks in CEL: loading (YAML, with file/line errors), compiling, evaluating resources, the
 * built-in pack and result formats (JSON, SARIF, JUnit). No Spring, no SQL.
 */
@org.springframework.modulith.NamedInterface("checks")
package dev.assayer.monitoring.checks;
