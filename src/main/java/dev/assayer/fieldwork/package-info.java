/**
 * Fieldwork (issue 4): the audit firm's Type II workspace inside a client engagement, and the
 * client's side of it.
 *
 * <ul>
 * <li><b>Request lists</b> ({@link dev.assayer.fieldwork.RequestListService}): the PBC list — requests
 * created or imported from CSV, mapped to criteria and controls, owned on the client side, moving
 * open → submitted → accepted or flagged → resubmitted, with comments, linked evidence, roll-forward
 * to the next period and in-app notifications for both sides.</li>
 * <li><b>Populations and samples</b> ({@link dev.assayer.fieldwork.PopulationService}): populations
 * imported from CSV or JSONL with their completeness-and-accuracy record and SHA-256, immutable once
 * sampled (a re-extraction is a new version), and samples selected, extended and verified so that
 * anyone can re-derive them.</li>
 * <li><b>Tests of controls</b> ({@link dev.assayer.fieldwork.TestOfControlService},
 * {@link dev.assayer.fieldwork.FirmSettingsService}): tests of design and of operating
 * effectiveness with procedures, attributes and sizing (the firm's frequency table or statistical
 * attribute sampling), results per item and attribute, the evaluation, the auditor's conclusion
 * and report wording (never written by Assayer), preparer and reviewer sign-off, review notes and
 * reopening.</li>
 * <li><b>Deviations</b>: every failed attribute belongs to one; the auditor describes and assesses
 * it, the client writes management's response, and the auditor may raise a finding from it (the
 * finding module, which depends on nothing here).</li>
 * <li><b>Export</b> ({@link dev.assayer.fieldwork.WorkpaperExportService}): the workpapers of an
 * engagement or one control as JSON or XLSX (docs/workpapers.md), each export logged with its
 * SHA-256.</li>
 * </ul>
 *
 * <p>Independence is enforced here: the auditor's side needs FIELDWORK_READ / _WRITE / _REVIEW and
 * acts only inside its engagement; the client's side needs FIELDWORK_RESPOND and writes only its
 * answers and responses. Neither side changes or deletes the other's records. The pure sampling
 * rules are the named interface {@code sampling} ({@link dev.assayer.fieldwork.sampling}), also used
 * by the offline CLI: no Spring beans, no SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fieldwork")
package dev.assayer.fieldwork;
