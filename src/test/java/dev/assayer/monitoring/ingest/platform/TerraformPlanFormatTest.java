package dev.assayer.monitoring.ingest.platform;

import static dev.assayer.monitoring.ingest.platform.Fixtures.byId;
import static dev.assayer.monitoring.ingest.platform.Fixtures.map;
import static dev.assayer.monitoring.ingest.platform.Fixtures.problem;
import static dev.assayer.monitoring.ingest.platform.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerraformPlanFormatTest {

    private final TerraformPlanFormat tf = new TerraformPlanFormat();

    @Test
    void every_resource_change_is_emitted_including_deletes_and_data_reads() {
        List<Resource> all = read(tf, "terraform/plan.json");

        assertThat(all).hasSize(16);
        assertThat(all).allSatisfy(r -> assertThat(r.type()).isEqualTo("terraform.resource_change"));
        Fixtures.assertJsonLike(all);
        Resource bucket = byId(all, "aws_s3_bucket.audit_logs");
        assertThat(bucket.attributes()).containsEntry("tf_type", "aws_s3_bucket").containsEntry("actions", List.of("create"))
                .containsEntry("action", "create").containsEntry("creates_or_updates", true).containsEntry("deletes", false)
                .containsEntry("mode", "managed").containsEntry("terraform_version", "1.9.8")
                .containsEntry("after_unknown_keys", List.of("arn", "id", "region", "versioning"));
        assertThat(map(bucket.attributes().get("after"))).containsEntry("bucket", "acme-audit-logs")
                .containsEntry("force_destroy", false).doesNotContainKey("timeouts");

        Resource gone = byId(all, "aws_instance.old_bastion");
        assertThat(gone.attributes()).containsEntry("actions", List.of("delete")).containsEntry("action", "delete")
                .containsEntry("creates_or_updates", false).doesNotContainKey("after");
        assertThat(byId(all, "aws_db_instance.reporting").attributes()).containsEntry("action", "replace")
                .containsEntry("creates_or_updates", true);
        assertThat(byId(all, "aws_iam_user.ci").attributes()).containsEntry("action", "no-op")
                .containsEntry("creates_or_updates", false);
        assertThat(byId(all, "data.aws_caller_identity.current").attributes()).containsEntry("mode", "data")
                .containsEntry("action", "read").containsEntry("action_reason", "read_because_config_unknown");
        Resource db = byId(all, "module.db.aws_db_instance.this[0]");
        assertThat(db.attributes()).containsEntry("module_address", "module.db").containsEntry("index", 0L);
    }

    @Test
    void sensitive_values_are_redacted() {
        Map<String, Object> after = map(byId(read(tf, "terraform/plan.json"), "module.db.aws_db_instance.this[0]")
                .attributes().get("after"));
        assertThat(after).containsEntry("password", "(sensitive)").containsEntry("storage_encrypted", true)
                .containsEntry("backup_retention_period", 14L);
    }

    @Test
    void security_groups_show_ingress_open_to_the_internet() {
        List<Resource> all = read(tf, "terraform/plan.json");

        assertThat(byId(all, "aws_security_group.bastion").attributes())
                .containsEntry("world_open_admin_ports", List.of(22L))
                .containsEntry("world_open_ingress", List.of(Map.of("from_port", 22L, "to_port", 22L, "protocol", "tcp")));
        assertThat(byId(all, "aws_security_group.web").attributes()).containsEntry("world_open_admin_ports", List.of());
        assertThat(byId(all, "aws_vpc_security_group_ingress_rule.rdp").attributes())
                .containsEntry("world_open_admin_ports", List.of(3389L));
        assertThat(byId(all, "aws_s3_bucket.audit_logs").attributes()).doesNotContainKey("world_open_admin_ports");
    }

    @Test
    void a_plan_without_changes_gives_nothing() {
        assertThat(read(tf, "terraform/plan-no-changes.json")).isEmpty();
    }

    @Test
    void a_truncated_plan_names_the_position() {
        InputProblem p = problem(tf, "terraform/plan-truncated.json");
        assertThat(p.line()).isGreaterThan(100);
        assertThat(p.problem()).contains("truncated");
    }

    @Test
    void state_saved_as_a_plan_is_named_for_what_it_is() {
        InputProblem p = problem(tf, "terraform/plan-mislabeled.json");
        assertThat(p.problem()).contains("Terraform state").contains("not a plan");
    }

    @Test
    void json_that_is_no_plan_at_all_is_rejected() {
        assertThat(Fixtures.problemText(tf, "x.json", "[1,2]", null).problem()).contains("expected a Terraform plan");
        assertThat(Fixtures.problemText(tf, "x.json", "{\"a\": 1}", null).problem()).contains("format_version is missing");
    }
}
