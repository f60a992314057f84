/**
 * Fieldwork: the auditor's testing of controls during an engagement. For now it holds the
 * sampling rules ({@link dev.assayer.fieldwork.sampling}): sample sizes by control frequency,
 * statistical attribute sampling (sizes and upper deviation limits), and reproducible selection
 * of sample items from a population file. Pure Java; no Spring beans, no SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fieldwork")
package dev.assayer.fieldwork;
