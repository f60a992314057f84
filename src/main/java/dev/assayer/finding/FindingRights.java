package dev.assayer.finding;

import java.util.List;

/**
 * What the signed-in user may do to one finding now: change its assessment (title, description,
 * severity, source, controls, criteria), work on the response (root cause, owner, due date, plan,
 * actions), record a re-test, accept its risk, and which statuses they may move it to.
 */
public record FindingRights(boolean editAssessment, boolean respond, boolean retest, boolean acceptRisk,
        List<FindingStatus> statusTargets) {
}
