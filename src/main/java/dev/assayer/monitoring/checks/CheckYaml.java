package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.InputProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one check file with positions (SnakeYAML nodes) and compiles every expression. Collects
 * every problem in the file before throwing {@link CheckProblems}.
 */
final class CheckYaml {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern SELECTOR = Pattern.compile("[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*");
    private static final Set<String> KEYS = Set.of("id", "title", "resource", "where", "expect", "severity",
            "remediation", "controls", "criteria");
    private static final int MAX_TEXT = 10_000;

    private final String file;
    private final String originPrefix;
    private final List<InputProblem> problems = new ArrayList<>();

    private CheckYaml(String file, String originPrefix) {
        this.file = file;
        this.originPrefix = originPrefix;
    }

    /** {@code originPrefix}: "" for an organization's file, "built-in: " for the pack. */
    static List<CompiledCheck> read(String file, String originPrefix, String yaml) {
        CheckYaml reader = new CheckYaml(file, originPrefix);
        List<CompiledCheck> checks = reader.readAll(yaml);
        if (!reader.problems.isEmpty()) {
            throw new CheckProblems(reader.problems);
        }
        return checks;
    }

    private List<CompiledCheck> readAll(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by us, with both lines
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(16 * 1024 * 1024);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : parser.composeAll(new StringReader(yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml))) {
                documents.add(node);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new InputProblem(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                    "not valid YAML: " + problem));
            return List.of();
        } catch (YAMLException e) {
            problems.add(new InputProblem(file, 0, 0, "not valid YAML: " + e.getMessage()));
            return List.of();
        }
        if (documents.isEmpty()) {
            return List.of();
        }
        if (documents.size() > 1) {
            problem(documents.get(1), "expected one YAML document, found " + documents.size());
            return List.of();
        }
        Node root = documents.get(0);
        if (!(root instanceof MappingNode map)) {
            problem(root, "expected a mapping with the key 'checks'");
            return List.of();
        }
        SequenceNode list = null;
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if ("checks".equals(key)) {
                if (t.getValueNode() instanceof SequenceNode seq) {
                    list = seq;
                } else if (!isNull(t.getValueNode())) {
                    problem(t.getValueNode(), "checks: expected a list of checks");
                }
            } else {
                problem(t.getKeyNode(), "unknown key '" + key + "' (expected 'checks')");
            }
        }
        if (list == null) {
            if (problems.isEmpty()) {
                problem(root, "missing key 'checks'");
            }
            return List.of();
        }
        List<CompiledCheck> checks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node item : list.getValue()) {
            CompiledCheck c = readCheck(item);
            if (c == null) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(c.check().id(), line(item));
            if (earlier != null) {
                problem(item, "check '" + c.check().id() + "': duplicate id (also at " + file + ":" + earlier + ")");
                continue;
            }
            checks.add(c);
        }
        return checks;
    }

    private CompiledCheck readCheck(Node item) {
        if (!(item instanceof MappingNode map)) {
            problem(item, "expected a check (a mapping with id, title, resource, expect, severity)");
            return null;
        }
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        String idForMessages = null;
        for (NodeTuple t : map.getValue()) {
            if ("id".equals(scalar(t.getKeyNode())) && t.getValueNode() instanceof ScalarNode s) {
                idForMessages = s.getValue();
            }
        }
        String label = idForMessages == null ? "check" : "check '" + idForMessages + "'";
        int before = problems.size();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (key == null || !KEYS.contains(key)) {
                problem(t.getKeyNode(), label + ": unknown key '" + (key == null ? "?" : key) + "' (expected one of "
                        + "id, title, resource, where, expect, severity, remediation, controls, criteria)");
            } else if (fields.containsKey(key)) {
                problem(t.getKeyNode(), label + ": " + key + " given twice (also at line " + line(fields.get(key).getKeyNode()) + ")");
            } else {
                fields.put(key, t);
            }
        }
        String id = text(fields, "id", label, item, true);
        if (id != null && !ID.matcher(id).matches()) {
            problem(fields.get("id").getValueNode(), label + ": id must be lower-case letters, digits and dashes (e.g. aws-iam-console-mfa)");
        }
        String title = text(fields, "title", label, item, true);
        String selector = text(fields, "resource", label, item, true);
        if (selector != null && !SELECTOR.matcher(selector).matches()) {
            problem(fields.get("resource").getValueNode(), label + ": resource must be a dotted lower-case type or glob "
                    + "such as aws.iam.user or aws.s3.*, was '" + selector + "'");
        }
        String where = text(fields, "where", label, item, false);
        String expect = text(fields, "expect", label, item, true);
        String severityText = text(fields, "severity", label, item, true);
        CheckSeverity severity = null;
        if (severityText != null) {
            try {
                severity = CheckSeverity.valueOf(severityText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(fields.get("severity").getValueNode(), label + ": unknown severity '" + severityText
                        + "' (expected critical, high, medium, low or info)");
            }
        }
        String remediation = text(fields, "remediation", label, item, false);
        List<String> controls = list(fields, "controls", label);
        List<String> criteria = list(fields, "criteria", label);
        Cel.Expr whereExpr = where == null ? null : expression(fields.get("where"), label, "where", where);
        Cel.Expr expectExpr = expect == null ? null : expression(fields.get("expect"), label, "expect", expect);
        if (problems.size() > before) {
            return null;
        }
        Check check = new Check(id, title.strip(), selector, where, expect, severity,
                remediation == null ? null : remediation.strip(), controls, criteria, originPrefix + file + ":" + line(item));
        return new CompiledCheck(check, TypeSelector.of(selector), whereExpr, expectExpr);
    }

    private Cel.Expr expression(NodeTuple field, String label, String name, String source) {
        try {
            return Cel.compile(source);
        } catch (Cel.CompileError e) {
            problem(field.getValueNode(), label + ": " + name + ": " + e.getMessage());
            return null;
        }
    }

    private String text(Map<String, NodeTuple> fields, String key, String label, Node owner, boolean required) {
        NodeTuple t = fields.get(key);
        if (t == null || isNull(t.getValueNode())) {
            if (required) {
                problem(t == null ? owner : t.getKeyNode(), label + ": " + key + " is required");
            }
            return null;
        }
        if (!(t.getValueNode() instanceof ScalarNode s)) {
            problem(t.getValueNode(), label + ": " + key + " must be text");
            return null;
        }
        String value = s.getValue();
        if (value.isBlank()) {
            if (required) {
                problem(s, label + ": " + key + " is required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problem(s, label + ": " + key + " is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return key.equals("id") || key.equals("resource") ? value.strip() : value;
    }

    private List<String> list(Map<String, NodeTuple> fields, String key, String label) {
        NodeTuple t = fields.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        if (t.getValueNode() instanceof ScalarNode s) {
            return s.getValue().isBlank() ? List.of() : List.of(s.getValue().strip());
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            problem(t.getValueNode(), label + ": " + key + " must be a list such as [AC-03, CC6.1]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
                out.add(s.getValue().strip());
            } else {
                problem(n, label + ": " + key + ": each entry must be a non-empty reference");
            }
        }
        return out;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private void problem(Node at, String message) {
        problems.add(new InputProblem(file, line(at), 0, message));
    }
}
