/**
 * Access reviews (CC6.2, CC6.3): a campaign per system with the account list imported from that
 * system, each account assigned to a reviewer (by default the owner's manager from the personnel
 * roster), keep / revoke / change decisions with justifications, remediation tasks tracked to
 * done, and the sign-off that files the completed review as evidence for the mapped controls.
 * Public face: {@link dev.assayer.accessreview.AccessReviewService} and the records of this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access reviews")
package dev.assayer.accessreview;
