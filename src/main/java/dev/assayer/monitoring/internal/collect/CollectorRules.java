package dev.assayer.monitoring.internal.collect;

import dev.assayer.monitoring.CollectorDraft;
import dev.assayer.monitoring.CollectorField;
import dev.assayer.monitoring.CollectorKind;
import dev.assayer.shared.ApiProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of a collector's configuration, every bad field reported at once. Pure: no Spring, no SQL.
 * URLs must be https (plain http only for this machine: localhost, 127.0.0.1, ::1), without user
 * info, query or fragment, since the credential travels to them.
 */
public final class CollectorRules {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final int DEFAULT_INTERVAL_HOURS = 24;
    public static final int MAX_INTERVAL_HOURS = 720;
    private static final Pattern GITHUB_LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern AWS_TYPE = Pattern.compile("AWS::[A-Za-z0-9]+::[A-Za-z0-9]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Set<String> URL_FIELDS = Set.of("apiUrl", "iamEndpoint", "configEndpoint", "stsEndpoint",
            "orgUrl");
    private static final Set<String> REGION_TEMPLATES = Set.of("configEndpoint", "stsEndpoint");
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** The outcome of validating a draft: settings with defaults, secrets to set, secrets to remove. */
    public record Valid(CollectorKind kind, String name, CollectorSettings settings, Map<String, String> setSecrets,
            Set<String> removeSecrets, int intervalHours, boolean enabled) {
        @Override
        public String toString() {
            return "Valid[" + kind + " " + name + ", secrets set " + setSecrets.keySet() + "]";
        }
    }

    private CollectorRules() {
    }

    /**
     * Validates {@code draft}. {@code storedSecrets}: the secret fields already stored (empty on create);
     * a required secret must end up stored.
     */
    public static Valid validate(CollectorDraft draft, Set<String> storedSecrets) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (draft.kind() == null) {
            throw ApiProblem.invalidField("kind", "is required (github, aws or okta)");
        }
        CollectorKind kind = draft.kind();
        String name = draft.name() == null ? "" : draft.name().trim();
        if (name.isEmpty()) {
            errors.add(new ApiProblem.FieldError("name", "is required"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new ApiProblem.FieldError("name",
                    "use lower-case letters, digits and dashes (at most 63), starting with a letter or digit"));
        }
        Map<String, String> settings = settings(kind, draft.settings(), errors);
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new java.util.LinkedHashSet<>();
        Set<String> known = new java.util.HashSet<>();
        for (CollectorField f : kind.secrets()) {
            known.add(f.name());
            String field = "secrets." + f.name();
            boolean given = draft.secrets().containsKey(f.name()) && draft.secrets().get(f.name()) != null;
            String value = given ? draft.secrets().get(f.name()).strip() : null;
            if (value != null && value.isEmpty()) {
                if (f.required()) {
                    errors.add(new ApiProblem.FieldError(field, "is required and cannot be removed; send a new value "
                            + "to replace it, or leave it out to keep the stored one"));
                } else {
                    remove.add(f.name());
                }
            } else if (value != null) {
                if (value.length() > 4096) {
                    errors.add(new ApiProblem.FieldError(field, "is longer than 4096 characters"));
                } else if (value.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                    errors.add(new ApiProblem.FieldError(field, "must not contain spaces or line breaks"));
                } else {
                    set.put(f.name(), value);
                }
            } else if (f.required() && !storedSecrets.contains(f.name())) {
                errors.add(new ApiProblem.FieldError(field, "is required"));
            }
        }
        draft.secrets().keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> errors.add(
                new ApiProblem.FieldError("secrets." + k, "is not a secret of a " + kind.label() + " collector (known: "
                        + String.join(", ", kind.secrets().stream().map(CollectorField::name).toList()) + ")")));
        int interval = draft.intervalHours() == null ? DEFAULT_INTERVAL_HOURS : draft.intervalHours();
        if (interval < 1 || interval > MAX_INTERVAL_HOURS) {
            errors.add(new ApiProblem.FieldError("intervalHours", "must be from 1 to " + MAX_INTERVAL_HOURS + " hours"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                    : errors.size() + " fields are invalid: " + String.join(", ",
                            errors.stream().map(ApiProblem.FieldError::field).toList()), errors);
        }
        return new Valid(kind, name, new CollectorSettings(settings), set, remove, interval,
                draft.enabled() == null || draft.enabled());
    }

    private static Map<String, String> settings(CollectorKind kind, Map<String, String> given,
            List<ApiProblem.FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        if (kind == CollectorKind.AWS && given.containsKey("region") && !given.containsKey("regions")) {
            Map<String, String> aliased = new LinkedHashMap<>(given); // "region": the one-region spelling of before
            aliased.put("regions", aliased.remove("region"));
            given = aliased;
        }
        for (CollectorField f : kind.settings()) {
            known.add(f.name());
            String field = "settings." + f.name();
            String v = given.get(f.name()) == null ? "" : given.get(f.name()).strip();
            if (v.isEmpty() && f.defaultValue() != null) {
                v = f.defaultValue();
            }
            if (v.isEmpty()) {
                if (f.required()) {
                    errors.add(new ApiProblem.FieldError(field, "is required"));
                }
                out.put(f.name(), "");
                continue;
            }
            if (v.length() > 2000) {
                errors.add(new ApiProblem.FieldError(field, "is longer than 2000 characters"));
                continue;
            }
            String problem = check(f.name(), v);
            if (problem != null) {
                errors.add(new ApiProblem.FieldError(field, problem));
            }
            out.put(f.name(), URL_FIELDS.contains(f.name()) && v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        }
        given.keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> errors.add(
                new ApiProblem.FieldError("settings." + k, "is not a setting of a " + kind.label() + " collector (known: "
                        + String.join(", ", kind.settings().stream().map(CollectorField::name).toList()) + ")")));
        across(kind, out, errors);
        return out;
    }

    /** Rules between settings. */
    private static void across(CollectorKind kind, Map<String, String> s, List<ApiProblem.FieldError> errors) {
        if (kind == CollectorKind.GITHUB) {
            boolean org = !s.getOrDefault("organization", "").isEmpty();
            boolean user = !s.getOrDefault("user", "").isEmpty();
            if (!org && !user) {
                errors.add(new ApiProblem.FieldError("settings.organization",
                        "is required (or set settings.user for a user account's repositories)"));
            } else if (org && user) {
                errors.add(new ApiProblem.FieldError("settings.user",
                        "set either an organization or a user, not both (one collector per account)"));
            }
        }
        if (kind == CollectorKind.AWS) {
            String config = s.getOrDefault("configEndpoint", "");
            if (!config.isEmpty() && !config.contains("{region}") && list(s.get("regions")).size() > 1) {
                errors.add(new ApiProblem.FieldError("settings.configEndpoint",
                        "must contain {region} when several regions are listed"));
            }
            if (!s.getOrDefault("externalId", "").isEmpty() && list(s.get("roleArns")).isEmpty()) {
                errors.add(new ApiProblem.FieldError("settings.externalId", "applies only with role ARNs to assume"));
            }
        }
    }

    /** Why {@code value} is not a valid {@code name} setting, or null. */
    static String check(String name, String value) {
        if (name.equals("apiUrl")) {
            String problem = url(value);
            return problem != null ? problem : githubApi(value);
        }
        if (URL_FIELDS.contains(name)) {
            return url(REGION_TEMPLATES.contains(name) ? value.replace("{region}", "eu-west-1") : value);
        }
        return switch (name) {
            case "organization" -> GITHUB_LOGIN.matcher(value).matches() ? null
                    : "'" + value + "' is not a GitHub organization login";
            case "user" -> GITHUB_LOGIN.matcher(value).matches() ? null : "'" + value + "' is not a GitHub user login";
            case "regions" -> {
                List<String> all = list(value);
                List<String> bad = all.stream().filter(r -> !REGION.matcher(r).matches()).toList();
                if (!bad.isEmpty()) {
                    yield "not AWS regions such as eu-west-1: " + String.join(", ", bad);
                }
                boolean china = all.stream().anyMatch(r -> r.startsWith("cn-"));
                boolean gov = all.stream().anyMatch(r -> r.startsWith("us-gov-"));
                boolean other = all.stream().anyMatch(r -> !r.startsWith("cn-") && !r.startsWith("us-gov-"));
                yield (china ? 1 : 0) + (gov ? 1 : 0) + (other ? 1 : 0) > 1
                        ? "regions of different AWS partitions (China, GovCloud, commercial) need separate collectors"
                        : all.size() > 30 ? "at most 30 regions" : null;
            }
            case "roleArns" -> {
                List<String> bad = list(value).stream().filter(a -> !ROLE_ARN.matcher(a).matches()).toList();
                yield !bad.isEmpty() ? "not IAM role ARNs (arn:aws:iam::111122223333:role/NAME): " + String.join(", ", bad)
                        : list(value).size() > 100 ? "at most 100 roles" : null;
            }
            case "externalId" -> EXTERNAL_ID.matcher(value).matches() ? null
                    : "use 2 to 1224 letters, digits and the characters +=,.@:/-";
            case "pullRequestDays" -> range(value, 1, 365);
            case "systemLogDays" -> range(value, 1, 90);
            case "region" -> REGION.matcher(value).matches() ? null : "'" + value + "' is not an AWS region such as eu-west-1";
            case "resourceTypes" -> {
                List<String> bad = java.util.Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank())
                        .filter(s -> !AWS_TYPE.matcher(s).matches()).toList();
                yield bad.isEmpty() ? null : "not AWS Config resource types (like AWS::S3::Bucket): " + String.join(", ", bad);
            }
            case "repositories" -> value.matches("[A-Za-z0-9._*?\\-,/\\s]+") ? null
                    : "use repository names or globs with * and ?, separated by commas";
            default -> null;
        };
    }

    /** The AWS Config resource types of the setting. */
    public static List<String> resourceTypes(String value) {
        return list(value);
    }

    /** A list setting (commas or white space between items), without duplicates, in order. */
    public static List<String> list(String value) {
        return value == null ? List.of()
                : java.util.Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }

    /**
     * The GitHub API base: https://api.github.com, https://api.SUBDOMAIN.ghe.com (GitHub Enterprise Cloud
     * with data residency) or https://HOST/api/v3 (GitHub Enterprise Server); anything on this machine
     * (tests, a tunnel). The web address of GitHub or of a server is refused with the right one named.
     */
    static String githubApi(String value) {
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (LOCAL.contains(host)) {
            return null;
        }
        if (host.equals("github.com") || host.equals("www.github.com")) {
            return "is GitHub's web address; the API is https://api.github.com";
        }
        if (host.equals("api.github.com") || (host.startsWith("api.") && host.endsWith(".ghe.com"))) {
            return path.isEmpty() ? null : "must be https://" + host + " without a path";
        }
        if (path.equals("/api/v3")) {
            return null;
        }
        return "for GitHub Enterprise Server use the API address https://" + host + "/api/v3 (for github.com: "
                + "https://api.github.com)";
    }

    private static String range(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n >= min && n <= max ? null : "must be from " + min + " to " + max;
        } catch (NumberFormatException e) {
            return "'" + value + "' is not a whole number";
        }
    }

    private static String url(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "'" + value + "' is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "'" + value + "' is not an absolute https URL";
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            return "must not contain a user name, a query or a fragment";
        }
        if (scheme.equals("http") && !LOCAL.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return "must use https (the credential is sent to it); http only for localhost";
        }
        return null;
    }
}
