package dev.assayer.monitoring.ingest.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.Resource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases real exports contain: very long values, other byte order marks, nulls everywhere. */
class PlatformEdgeCasesTest {

    private static final FormatOptions DEVICES = new FormatOptions(Fixtures.IMPORTED, "it.device", "serial", Map.of());

    @Test
    void a_value_of_several_megabytes_is_kept_whole() {
        String big = "ü".repeat(3 * 1024 * 1024);
        List<Resource> json = Fixtures.readText(new GenericJsonFormat(), "big.json",
                "[{\"serial\": \"A1\", \"notes\": \"" + big + "\"}]", DEVICES);
        assertThat((String) json.get(0).attributes().get("notes")).hasSize(big.length());

        // annotations are limited to 256 KiB by the API server; a manifest stream can be far larger than one document
        String note = "ü".repeat(200 * 1024);
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-").append(i)
                    .append("\n  annotations:\n    note: \"").append(note).append("\"\n");
        }
        List<Resource> k8s = Fixtures.readText(new KubernetesYamlFormat(), "big.yaml", yaml.toString(), null);
        assertThat(k8s).hasSize(20);
        assertThat((String) Fixtures.map(k8s.get(19).attributes().get("annotations")).get("note")).hasSize(note.length());
    }

    @Test
    void utf16_with_a_byte_order_mark_is_read() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        csv.write("serial,owner\nA1,Zoë\n".getBytes(StandardCharsets.UTF_16LE));
        List<Resource> rows = Fixtures.readBytes(new GenericCsvFormat(), "devices.csv", csv.toByteArray(), DEVICES);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.attributes()).containsEntry("owner", "Zoë"));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
        json.write("[{\"serial\":\"A2\"}]".getBytes(StandardCharsets.UTF_16BE));
        assertThat(Fixtures.readBytes(new GenericJsonFormat(), "d.json", json.toByteArray(), DEVICES))
                .extracting(Resource::id).containsExactly("A2");
    }

    @Test
    void nulls_in_every_optional_place_are_left_out_not_failed_on() {
        String repo = "[{\"id\": 1, \"full_name\": \"o/r\", \"owner\": null, \"private\": null, \"topics\": null,"
                + " \"security_and_analysis\": null, \"pushed_at\": null}]";
        assertThat(Fixtures.readText(new GithubReposFormat(), "r.json", repo, null)).singleElement()
                .satisfies(r -> assertThat(r.attributes()).containsOnlyKeys("full_name", "github_id"));

        String pull = "[{\"number\": 5, \"user\": null, \"merged_at\": null, \"base\": {\"ref\": \"main\", \"repo\":"
                + " {\"full_name\": \"o/r\", \"default_branch\": null}}, \"requested_reviewers\": null, \"reviews\": null}]";
        assertThat(Fixtures.readText(new GithubPullsFormat(), "p.json", pull, null)).singleElement()
                .satisfies(r -> assertThat(r.attributes()).containsEntry("merged", false)
                        .containsEntry("reviews_included", false).doesNotContainKeys("author", "default_branch"));

        String user = "[{\"id\": \"00u1\", \"status\": null, \"profile\": null, \"credentials\": null, \"factors\": null}]";
        assertThat(Fixtures.readText(new OktaUsersFormat(), "u.json", user, null)).singleElement()
                .satisfies(r -> assertThat(r.attributes()).containsEntry("factors_included", false)
                        .doesNotContainKeys("status", "active", "mfa_enrolled"));

        String pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\nspec:\n  securityContext:\n  containers:\n"
                + "    - name: c\n      image:\n      securityContext:\n      resources:\n";
        assertThat(Fixtures.readText(new KubernetesYamlFormat(), "p.yaml", pod, null)).singleElement().satisfies(r -> {
            assertThat(r.attributes()).containsEntry("host_network", false).containsEntry("labels", Map.of());
            assertThat(Fixtures.map(Fixtures.list(r.attributes().get("containers")).get(0)))
                    .containsEntry("privileged", false).containsEntry("image_latest", false).doesNotContainKey("image");
        });
    }

    @Test
    void an_empty_file_gives_no_resources_where_that_is_valid_and_a_problem_where_a_header_is_needed() {
        assertThat(Fixtures.readText(new OktaSystemLogFormat(), "log.json", "", null)).isEmpty();
        assertThat(Fixtures.readText(new KubernetesYamlFormat(), "empty.yaml", "---\n", null)).isEmpty();
        assertThat(Fixtures.problemText(new GenericCsvFormat(), "e.csv", "", DEVICES).problem()).contains("empty");
    }
}
