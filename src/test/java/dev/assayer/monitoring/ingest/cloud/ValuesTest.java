package dev.assayer.monitoring.ingest.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void snakeCaseKeepsAcronymsTogether() {
        assertThat(Values.snake("kmsMasterKeyID")).isEqualTo("kms_master_key_id");
        assertThat(Values.snake("DBInstance")).isEqualTo("db_instance");
        assertThat(Values.snake("dBInstanceClass")).isEqualTo("db_instance_class");
        assertThat(Values.snake("iAMDatabaseAuthenticationEnabled")).isEqualTo("iam_database_authentication_enabled");
        assertThat(Values.snake("ipv4Ranges")).isEqualTo("ipv4_ranges");
        assertThat(Values.snake("cidrIpv6")).isEqualTo("cidr_ipv6");
        assertThat(Values.snake("s3BucketName")).isEqualTo("s3_bucket_name");
        assertThat(Values.snake("multiAZ")).isEqualTo("multi_az");
        assertThat(Values.snake("PublicAccessBlockConfiguration")).isEqualTo("public_access_block_configuration");
        assertThat(Values.snake("already_snake")).isEqualTo("already_snake");
        assertThat(Values.snake("security-severity")).isEqualTo("security_severity");
    }

    @Test
    void timestampsInTheShapesToolsWrite() {
        Instant t = Instant.parse("2025-03-03T09:15:42Z");
        assertThat(Values.instant("2025-03-03T09:15:42+00:00")).isEqualTo(t);
        assertThat(Values.instant("2025-03-03T09:15:42Z")).isEqualTo(t);
        assertThat(Values.instant("2025-03-03T11:15:42+02:00")).isEqualTo(t);
        assertThat(Values.instant("2025-03-03 09:15:42")).isEqualTo(t);
        assertThat(Values.instant("2025-03-03T09:15:42.000000")).isEqualTo(t);
        assertThat(Values.instant("2025-03-03 09:15:42 UTC")).isEqualTo(t);
        assertThat(Values.instant(1740993342L)).isEqualTo(t);
        assertThat(Values.instant("2025-03-03")).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(Values.instant("N/A")).isNull();
        assertThat(Values.instant(null)).isNull();
    }

    @Test
    void snakeKeysDropsNullsAndKeepsTagNames() {
        Map<String, Object> in = new java.util.LinkedHashMap<>();
        in.put("groupName", "web");
        in.put("kmsKeyId", null);
        in.put("Tags", List.of(Map.of("key", "Cost Center", "value", "42")));
        assertThat(Values.snakeKeys(in)).isEqualTo(Map.of("group_name", "web", "tags", Map.of("Cost Center", "42")));
    }
}
