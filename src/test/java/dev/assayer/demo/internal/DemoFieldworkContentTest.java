package dev.assayer.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.demo.internal.DemoContent.ControlTestPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's recorded fieldwork and changes as written in the content files, checked without the application. */
class DemoFieldworkContentTest {

    @Test
    void theAuditorsTestsCoverAccessOperationsAndChangeManagementWithTheirOwnConclusions() {
        DemoContent content = DemoContent.load();
        List<ControlTestPlan> tests = new ArrayList<>();
        tests.add(content.audit().test());
        tests.addAll(content.audit().tests());
        assertThat(tests).hasSizeBetween(8, 10).allSatisfy(t -> {
            assertThat(t.conclusion()).as(t.control()).isNotNull();
            assertThat(t.wording()).as(t.control()).isNotBlank();
            assertThat(t.reviewed()).as(t.control()).isTrue();
        });
        assertThat(tests).extracting(ControlTestPlan::control).contains("CHG-01", "AC-01", "AC-04", "OPS-01", "IR-02");
        // every sampled item of the change management test has its result
        assertThat(content.audit().test().tested()).isEqualTo(content.audit().population().sample().size());
        assertThat(content.audit().test().deviation()).isNotNull();
        assertThat(content.audit().tests()).allSatisfy(t -> assertThat(t.deviation()).isNull());
    }

    @Test
    void changesInThePeriodAreRecordedByAPersonWithAnArea() {
        DemoContent content = DemoContent.load();
        assertThat(content.engagement().systemChanges()).hasSizeBetween(3, 4).allSatisfy(c -> {
            assertThat(c.by()).isEqualTo("compliance");
            assertThat(dev.assayer.engagement.SystemChangeService.AREAS).contains(c.area());
        });
    }
}
