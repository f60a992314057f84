package dev.assayer.evidence;

import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.Nature;
import dev.assayer.testing.TestOrg;
import java.util.UUID;

/** Controls for evidence tests, created through the control module's public face. */
final class EvidenceFixtures {

    private EvidenceFixtures() {
    }

    static UUID control(ControlService controls, TestOrg org, String ref) {
        return controls.create(org.admin(), new ControlDraft(ref, "Control " + ref, null, null, Nature.MANUAL,
                ControlKind.PREVENTIVE, Frequency.QUARTERLY, null, null, null, null)).id();
    }
}
