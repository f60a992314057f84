/**
 * Policies: Markdown documents with numbered versions that move DRAFT → IN_REVIEW → APPROVED →
 * PUBLISHED (the next published version supersedes the previous one), an annual review date, a
 * line diff between versions, starter templates filled with the organization's details, members'
 * acknowledgements of the published version, and PDF export. An approved version is filed as
 * evidence for the policy's controls, effective from its approval date. Public face:
 * {@link dev.assayer.policy.PolicyService} and the records it returns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Policies")
package dev.assayer.policy;
