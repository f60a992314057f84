package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsConfigFormatsTest {

    private final AwsConfigSnapshotFormat snapshot = new AwsConfigSnapshotFormat();
    private final AwsConfigItemsFormat items = new AwsConfigItemsFormat();

    @Test
    void resourceTypesFollowTheAwsTypeName() {
        assertThat(AwsConfigItems.type("AWS::S3::Bucket")).isEqualTo("aws.s3.bucket");
        assertThat(AwsConfigItems.type("AWS::EC2::SecurityGroup")).isEqualTo("aws.ec2.security_group");
        assertThat(AwsConfigItems.type("AWS::RDS::DBInstance")).isEqualTo("aws.rds.db_instance");
        assertThat(AwsConfigItems.type("AWS::CloudTrail::Trail")).isEqualTo("aws.cloudtrail.trail");
        assertThat(AwsConfigItems.type("AWS::EC2::NetworkACL")).isEqualTo("aws.ec2.network_acl");
        assertThat(AwsConfigItems.type("AWS::ElasticLoadBalancingV2::LoadBalancer"))
                .isEqualTo("aws.elasticloadbalancingv2.load_balancer");
        assertThat(AwsConfigItems.type("S3 bucket")).isNull();
    }

    @Test
    void snapshotItemsStreamIntoResourcesWithFlattenedSnakeCaseAttributes() {
        List<Resource> all = Fixtures.read(snapshot, "aws-config-snapshot.json");

        assertThat(all).hasSize(15);
        assertThat(all).extracting(Resource::type).containsOnly("aws.s3.bucket", "aws.ec2.volume", "aws.ec2.security_group",
                "aws.rds.db_instance", "aws.cloudtrail.trail", "aws.kms.key");

        Resource bucket = all.get(0);
        assertThat(bucket.id()).isEqualTo("arn:aws:s3:::acme-audit-logs");
        assertThat(bucket.source()).isEqualTo("aws-config-snapshot:aws-config-snapshot.json");
        assertThat(bucket.observedAt()).isEqualTo(Instant.parse("2025-03-01T06:12:44.512Z"));
        Map<String, Object> a = bucket.attributes();
        assertThat(a).containsEntry("name", "acme-audit-logs")
                .containsEntry("account_id", "123456789012")
                .containsEntry("region", "us-east-1")
                .containsEntry("aws_resource_type", "AWS::S3::Bucket")
                .containsEntry("configuration_item_status", "OK")
                .containsEntry("deleted", false)
                .containsEntry("capture_time", "2025-03-01T06:12:44.512Z")
                .containsEntry("is_requester_pays_enabled", false)
                .containsEntry("tags", Map.of("team", "sécurité", "cost-center", "CC-42"));
        assertThat(a.get("public_access_block_configuration")).isEqualTo(Map.of("block_public_acls", true,
                "ignore_public_acls", true, "block_public_policy", true, "restrict_public_buckets", true));
        assertThat(a.get("bucket_versioning_configuration")).isEqualTo(Map.of("status", "Enabled"));
        assertThat(Values.at(a, "server_side_encryption_configuration.rules")).asList().singleElement()
                .isEqualTo(Map.of("apply_server_side_encryption_by_default", Map.of("sse_algorithm", "aws:kms",
                        "kms_master_key_id", "arn:aws:kms:us-east-1:123456789012:key/1f2e3d4c-0000-4000-8000-000000000001"),
                        "bucket_key_enabled", true));
        // supplementary values given as JSON text are parsed; nulls are dropped so has() works
        assertThat(a.get("access_control_list")).isEqualTo(Map.of("grant_list", List.of(),
                "owner", Map.of("id", "7a6b5c4d3e2f1a0b"), "is_requester_charged", false));
        assertThat(a.get("bucket_logging_configuration")).isEqualTo(Map.of());
        assertThat(Values.map(a.get("owner"))).doesNotContainKey("display_name");
    }

    @Test
    void securityGroupsRdsKmsAndDeletedItems() {
        Map<String, Resource> byId = Fixtures.byId(Fixtures.read(snapshot, "aws-config-snapshot.json"));

        Resource sg = byId.get("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d4e5f60718");
        List<?> perms = (List<?>) sg.attributes().get("ip_permissions");
        assertThat(perms.get(0)).isEqualTo(Map.of("ip_protocol", "tcp", "from_port", 22L, "to_port", 22L,
                "ipv6_ranges", List.of(), "prefix_list_ids", List.of(), "user_id_group_pairs", List.of(),
                "ipv4_ranges", List.of(Map.of("cidr_ip", "0.0.0.0/0")), "ip_ranges", List.of("0.0.0.0/0")));
        Map<?, ?> egress = (Map<?, ?>) ((List<?>) sg.attributes().get("ip_permissions_egress")).get(0);
        assertThat(Values.map(egress)).containsEntry("ip_protocol", "-1").doesNotContainKey("from_port");

        Resource rds = byId.get("arn:aws:rds:us-east-1:123456789012:db:billing-db");
        assertThat(rds.type()).isEqualTo("aws.rds.db_instance");
        assertThat(rds.attributes()).containsEntry("db_instance_identifier", "billing-db")
                .containsEntry("publicly_accessible", true).containsEntry("storage_encrypted", false)
                .containsEntry("backup_retention_period", 1L).containsEntry("multi_az", false)
                .containsEntry("iam_database_authentication_enabled", false);
        assertThat(Values.at(rds.attributes(), "endpoint.port")).isEqualTo(5432L);

        assertThat(byId.get("arn:aws:kms:us-east-1:123456789012:key/1f2e3d4c-0000-4000-8000-000000000001").attributes())
                .containsEntry("key_rotation_enabled", true).containsEntry("key_manager", "CUSTOMER");
        assertThat(byId.get("arn:aws:kms:us-east-1:123456789012:key/2a2a2a2a-0000-4000-8000-000000000002").attributes())
                .containsEntry("key_rotation_enabled", false);
        assertThat(byId.get("arn:aws:kms:us-east-1:123456789012:key/3b3b3b3b-0000-4000-8000-000000000003").attributes())
                .doesNotContainKey("key_rotation_enabled");

        Resource trail = byId.get("arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail");
        assertThat(trail.attributes()).containsEntry("is_multi_region_trail", true)
                .containsEntry("log_file_validation_enabled", true).containsEntry("s3_bucket_name", "acme-audit-logs")
                .containsEntry("trail_arn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail");

        Resource volume = byId.get("arn:aws:ec2:us-east-1:123456789012:volume/vol-0600d0000000002");
        assertThat(volume.attributes()).containsEntry("encrypted", true).containsEntry("size", 20L)
                .containsEntry("availability_zone", "us-east-1b").containsEntry("tags", Map.of("Name", "data"));

        Resource gone = byId.get("arn:aws:s3:::acme-old-exports");
        assertThat(gone.attributes()).containsEntry("deleted", true)
                .containsEntry("configuration_item_status", "ResourceDeleted");
        assertThat(gone.observedAt()).isEqualTo(Instant.parse("2025-02-20T11:00:00Z"));
    }

    @Test
    void historyFileApiOutputAndSingleItemsReadTheSame() {
        List<Resource> history = Fixtures.read(items, "aws-config-history.json");
        assertThat(history).extracting(Resource::id).containsExactly("arn:aws:s3:::acme-public-assets",
                "arn:aws:rds:us-east-1:123456789012:db:billing-db", "arn:aws:s3:::acme-old-exports",
                "arn:aws:s3:::acme-public-assets");
        assertThat(history.get(0).source()).isEqualTo("aws-config-items:aws-config-history.json");

        // get-resource-config-history: configuration and supplementary values are JSON text, keys are lower-case
        List<Resource> api = Fixtures.read(items, "aws-config-resource-history.json");
        assertThat(api).hasSize(2);
        assertThat(api.get(0).type()).isEqualTo("aws.cloudtrail.trail");
        assertThat(api.get(0).attributes()).containsEntry("is_multi_region_trail", false)
                .containsEntry("account_id", "123456789012").containsEntry("resource_name", "legacy-trail");
        assertThat(api.get(0).observedAt()).isEqualTo(Instant.parse("2025-03-01T06:12:44.512Z"));
        assertThat(api.get(1).attributes()).containsEntry("key_rotation_enabled", true);

        List<Resource> one = Fixtures.read(items, "aws-config-item.json");
        assertThat(one).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("aws.ec2.volume");
            assertThat(r.id()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:volume/vol-0600d0000000002");
            assertThat(r.attributes()).containsEntry("encrypted", true);
        });

        // the snapshot also reads as items (same item shape), and a change notification holds one item
        assertThat(Fixtures.read(items, "aws-config-snapshot.json")).hasSize(15);
        String notification = "{\"configurationItemDiff\":null,\"configurationItem\":{\"resourceType\":\"AWS::IAM::User\","
                + "\"resourceId\":\"AIDA1\",\"ARN\":\"arn:aws:iam::1:user/x\",\"configurationItemCaptureTime\":\"2025-01-01T00:00:00Z\","
                + "\"configuration\":{\"userName\":\"x\"}},\"messageType\":\"ConfigurationItemChangeNotification\"}";
        assertThat(Fixtures.readText(items, "n.json", notification)).singleElement()
                .satisfies(r -> assertThat(r.type()).isEqualTo("aws.iam.user"));
        assertThat(Fixtures.readText(items, "empty.json", "{\"configurationItems\": []}")).isEmpty();
    }

    @Test
    void problemsNameTheFileAndPosition() {
        assertThatThrownBy(() -> Fixtures.read(snapshot, "aws-config-snapshot-truncated.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.file()).isEqualTo("aws-config-snapshot-truncated.json");
                    assertThat(p.line()).isGreaterThan(100);
                    assertThat(p.problem()).startsWith("malformed JSON").contains("end of file");
                });
        assertThatThrownBy(() -> Fixtures.read(items, "aws-config-mislabeled.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(3);
                    assertThat(p.problem()).contains("no resourceType");
                });
        assertThatThrownBy(() -> Fixtures.read(snapshot, "aws-config-item.json"))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem())
                        .isEqualTo("not an AWS Config snapshot: no configurationItems array"));
        String badType = "{\"configurationItems\":[\n{\"resourceType\":\"S3 bucket\",\"resourceId\":\"x\"}]}";
        assertThatThrownBy(() -> Fixtures.readText(items, "t.json", badType))
                .isInstanceOfSatisfying(InputProblem.class, p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.problem()).contains("resourceType 'S3 bucket' is not an AWS type");
                });
        String badTime = "{\"resourceType\":\"AWS::S3::Bucket\",\"resourceId\":\"x\",\"configurationItemCaptureTime\":\"yesterday\"}";
        assertThatThrownBy(() -> Fixtures.readText(items, "t.json", badTime))
                .isInstanceOfSatisfying(InputProblem.class, p -> assertThat(p.problem()).contains("'yesterday' is not a timestamp"));
    }

    @Test
    void snapshotItemsReachTheSinkBeforeTheRestOfTheFileIsRead() {
        // a truncated snapshot: the items before the cut are handed over as they are read, then the problem
        List<Resource> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> snapshot.read("cut.json", new java.io.ByteArrayInputStream(
                Fixtures.bytes("aws-config-snapshot-truncated.json")), dev.assayer.monitoring.ingest.FormatOptions.at(
                        Fixtures.IMPORTED), seen::add)).isInstanceOf(InputProblem.class);
        assertThat(seen).extracting(Resource::id).containsExactly("arn:aws:s3:::acme-audit-logs",
                "arn:aws:s3:::acme-public-assets", "arn:aws:ec2:us-east-1:123456789012:volume/vol-0badc0ffee0000001",
                "arn:aws:ec2:us-east-1:123456789012:volume/vol-0600d0000000002",
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d4e5f60718");
    }
}
