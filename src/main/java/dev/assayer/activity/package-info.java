/**
 * The activity log: every change to engagements, controls, mappings, evidence and memberships,
 * appended in the same transaction as the change, hash-chained per organization so that an
 * altered, inserted or deleted entry is detected by {@link dev.assayer.activity.ActivityLog#verify}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activity log")
package dev.assayer.activity;
