package dev.assayer.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.control.ControlService;
import dev.assayer.evidence.internal.FileSystemBlobStore;
import dev.assayer.identity.IdentityService;
import dev.assayer.shared.Hashing;
import dev.assayer.shared.tenancy.Role;
import dev.assayer.testing.TestDatabase;
import dev.assayer.testing.TestOrg;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upload limit is enforced by the servlet container's multipart parsing, which MockMvc skips:
 * this class runs a real server with a 64 KB limit (its own application context).
 */
@Tag("persistence")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "assayer.security.bcrypt-strength=4", "logging.level.root=WARN", "assayer.evidence.max-upload-size=64KB"})
class EvidenceUploadLimitTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ControlService controls;
    @Autowired JdbcClient jdbc;
    @Autowired FileSystemBlobStore store;
    @Autowired JsonMapper json;
    @Autowired EvidenceService evidence;

    private HttpResponse<String> upload(TestOrg org, byte[] bytes) throws Exception {
        String boundary = "----assayer" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String metadata = "{\"title\": \"Export\", \"effectiveDate\": \"2025-01-31\", \"controls\": [\"AC-01\"]}";
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/evidence"))
                .header("Authorization", org.bearer(Role.CONTROL_OWNER))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private long files(String sub) throws Exception {
        try (Stream<Path> s = Files.walk(store.root().resolve(sub))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private long rows(TestOrg org) {
        return jdbc.sql("SELECT COUNT(*) FROM evidence_item WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }

    @Test
    void anUploadOverTheLimitIs413AndStoresNothing() throws Exception {
        TestOrg org = TestOrg.create(identity);
        EvidenceFixtures.control(controls, org, "AC-01");
        byte[] big = new byte[200 * 1024];
        new Random().nextBytes(big);

        HttpResponse<String> tooBig = upload(org, big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(tooBig.body());
        assertThat(problem.path("detail").asString()).contains("size limit").contains("nothing was stored");
        assertThat(problem.path("field").asString()).isEqualTo("file");
        assertThat(rows(org)).isZero();
        assertThat(files("sha256")).isZero();
        assertThat(files("tmp")).isZero();

        byte[] small = new byte[10 * 1024];
        new Random().nextBytes(small);
        HttpResponse<String> ok = upload(org, small);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json.readTree(ok.body()).path("sha256").asString()).isEqualTo(Hashing.sha256Hex(small));
        assertThat(rows(org)).isEqualTo(1);
        assertThat(files("sha256")).isEqualTo(1);
    }

    @Test
    void theServiceEnforcesTheLimitItselfForCallersOutsideHttp() throws Exception {
        TestOrg org = TestOrg.create(identity);
        long blobs = files("sha256");
        var tooLong = new java.io.ByteArrayInputStream(new byte[64 * 1024 + 1]);
        assertThatThrownBy(() -> evidence.upload(org.admin(),
                        EvidenceMetadata.of("Big", java.time.LocalDate.of(2025, 1, 1)), "big.bin", null, tooLong))
                .isInstanceOf(dev.assayer.shared.ApiProblem.class)
                .satisfies(e -> assertThat(((dev.assayer.shared.ApiProblem) e).status()).isEqualTo(413));
        assertThat(rows(org)).isZero();
        assertThat(files("sha256")).isEqualTo(blobs);
        assertThat(files("tmp")).isZero();
    }
}
