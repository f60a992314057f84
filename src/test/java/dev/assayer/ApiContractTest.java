package dev.assayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.assayer.testing.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that hold for every /api/v1 endpoint at once: each is documented in the served OpenAPI
 * document, and each refuses a caller without a token (except the two public ones).
 */
class ApiContractTest extends IntegrationTest {

    private static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/tokens", "GET /api/v1/openapi.json");

    @Autowired MockMvc mvc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired JsonMapper json;

    record Endpoint(String method, String path) {
        String key() {
            return method + " " + path;
        }

        /** The path with every {variable} replaced by a syntactically valid value. */
        String example() {
            return path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
        }
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (e.getValue().getBeanType().getPackageName().startsWith("org.springdoc")) {
                continue;
            }
            for (String path : e.getKey().getPatternValues()) {
                if (!path.startsWith("/api/v1/")) {
                    continue;
                }
                Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    out.add(new Endpoint(m.name(), path));
                }
            }
        }
        return out;
    }

    @Test
    void everyApiEndpointIsInTheServedOpenApiDocument() throws Exception {
        String body = mvc.perform(request(HttpMethod.GET, "/api/v1/openapi.json"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode doc = json.readTree(body);
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase() + " " + p.getKey())));
        List<Endpoint> endpoints = apiEndpoints();
        assertThat(endpoints).hasSizeGreaterThan(10);
        Set<String> missing = new TreeSet<>();
        endpoints.stream().map(Endpoint::key).filter(k -> !documented.contains(k)).forEach(missing::add);
        assertThat(missing).as("endpoints missing from /api/v1/openapi.json").isEmpty();
    }

    @Test
    void everyApiEndpointRefusesACallerWithoutAToken() throws Exception {
        List<String> open = new ArrayList<>();
        for (Endpoint e : apiEndpoints()) {
            if (PUBLIC.contains(e.key())) {
                continue;
            }
            int code = mvc.perform(request(HttpMethod.valueOf(e.method()), e.example()))
                    .andReturn().getResponse().getStatus();
            if (code != 401) {
                open.add(e.key() + " → " + code);
            }
        }
        assertThat(open).as("endpoints that did not answer 401 without a token").isEmpty();
    }
}
