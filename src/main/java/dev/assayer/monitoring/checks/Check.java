package dev.assayer.monitoring.checks;

import java.util.List;

/**
 * A check: {@code resourceType} selects resources ("aws.iam.user", or a glob "aws.s3.*"),
 * optional {@code where} (CEL, bool) narrows them, {@code expect} (CEL, bool) must hold for a pass.
 * {@code controls} are control refs (starter library, e.g. "AC-03"), {@code criteria} criterion ids
 * ("CC6.1"). {@code origin} says where it was defined ("built-in: aws.yaml:12", "my-checks.yaml:3").
 */
public record Check(String id, String title, String resourceType, String where, String expect, CheckSeverity severity,
        String remediation, List<String> controls, List<String> criteria, String origin) {

    public Check {
        controls = controls == null ? List.of() : List.copyOf(controls);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }
}
