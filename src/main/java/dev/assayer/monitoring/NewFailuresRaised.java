package dev.assayer.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Published synchronously inside the transaction of a (not replayed) monitoring run that raised
 * alerts, after they are written: listeners that write in that transaction commit or roll back
 * with the run. {@code controlsByCheck} maps each failing check's id to the control refs it
 * supports, as the check declares them.
 */
public record NewFailuresRaised(UUID orgId, String orgName, UUID runId, Instant at, List<MonitoringAlert> alerts,
        Map<String, List<String>> controlsByCheck) {

    public NewFailuresRaised {
        alerts = List.copyOf(alerts);
        controlsByCheck = Map.copyOf(controlsByCheck);
    }
}
