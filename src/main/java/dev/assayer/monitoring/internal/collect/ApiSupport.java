package dev.assayer.monitoring.internal.collect;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared by the JSON collectors: parsing answers, following Link rel="next" pages on the same origin. */
final class ApiSupport {

    static final int MAX_PAGES = 100_000;

    private ApiSupport() {
    }

    static JsonNode parse(HttpFetcher http, JsonMapper json, HttpFetcher.Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (JacksonException e) {
            throw http.fail(reply.method() + " " + reply.uri().getPath() + " answered HTTP " + reply.status()
                    + " with a body that is not JSON");
        }
    }

    /** The API's own error text: "message" (GitHub), "errorSummary" (Okta), "message"/"Message" (AWS JSON). */
    static String apiMessage(JsonMapper json, HttpFetcher.Reply reply) {
        try {
            JsonNode body = json.readTree(reply.body());
            for (String field : new String[] {"message", "errorSummary", "Message", "error_description"}) {
                if (body.path(field).isString()) {
                    return body.path(field).asString();
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // not JSON: fall through
        }
        String text = reply.text().strip();
        return text.startsWith("<") || text.isEmpty() ? null : text;
    }

    /** The next page's URL, refused when it leaves the configured origin (the credential would go with it). */
    static URI next(HttpFetcher http, URI base, HttpFetcher.Reply reply) {
        return LinkHeader.find(reply.all("link"), "next").map(link -> {
            URI uri = reply.uri().resolve(link);
            if (!LinkHeader.sameOrigin(base, uri)) {
                throw http.fail("the next-page link of " + reply.uri().getPath() + " points to " + uri.getHost()
                        + ", not to the configured " + base.getHost() + "; refusing to send the credential there");
            }
            return uri;
        }).orElse(null);
    }

    /** Percent-encodes one path segment or query value. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Glob (* and ?) → predicate, case-insensitive. */
    static Predicate<String> glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(re.toString(),
                java.util.regex.Pattern.CASE_INSENSITIVE);
        return s -> p.matcher(s).matches();
    }
}
