package dev.assayer.engagement;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Changes to the system during an engagement's period (DC9) — being written (issue 6). */
@Service
public class SystemChangeService {

    /** Every recorded change of the engagement, oldest first. */
    public List<SystemChange> list(UUID orgId, UUID engagementId) {
        return List.of();
    }
}
