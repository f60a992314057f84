package dev.assayer.risk.internal;

import dev.assayer.risk.RiskCategory;
import dev.assayer.risk.RiskDraft;
import dev.assayer.risk.Treatment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The starter risk library shipped in {@code risk/starter-risks.yaml}, parsed once. */
public final class StarterRisks {

    public static final String RESOURCE = "risk/starter-risks.yaml";

    /** One starter risk; {@code controls} are refs from the starter control library. */
    public record StarterRisk(String key, String title, String description, RiskCategory category, String threat,
            String vulnerability, String affectedAssets, List<String> soc2Categories, int likelihood, int impact,
            List<String> controls) {

        /**
         * The draft adopted into an organization: mitigate, residual = inherent until reassessed. The
         * library is written for 5 × 5; on a smaller scale the levels are capped to the scale.
         */
        public RiskDraft draft(List<String> resolvedControls, RiskScale scale) {
            int l = Math.min(likelihood, scale.likelihoodLevels());
            int i = Math.min(impact, scale.impactLevels());
            return new RiskDraft(title, description, category, threat, vulnerability, affectedAssets, soc2Categories,
                    null, null, l, i, l, i, Treatment.MITIGATE, null, null, null,
                    "Adopted from the Assayer starter library; review the scores and controls.", resolvedControls);
        }
    }

    private static volatile List<StarterRisk> cached;

    private StarterRisks() {
    }

    public static List<StarterRisk> risks() {
        List<StarterRisk> r = cached;
        if (r == null) {
            try (InputStream in = StarterRisks.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the starter risk library " + RESOURCE + " is missing");
                }
                r = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cached = r;
        }
        return r;
    }

    public static List<StarterRisk> parse(InputStream in) {
        JsonNode root = YAMLMapper.builder().build().readTree(in);
        List<StarterRisk> out = new ArrayList<>();
        for (JsonNode n : root.path("risks")) {
            out.add(new StarterRisk(n.path("key").asString(), n.path("title").asString(),
                    n.path("description").asString("").strip(),
                    RiskCategory.valueOf(n.path("category").asString().toUpperCase(Locale.ROOT)),
                    n.path("threat").asString("").strip(), n.path("vulnerability").asString("").strip(),
                    n.path("affected").asString("").strip(), strings(n.path("soc2")), n.path("likelihood").asInt(),
                    n.path("impact").asInt(), strings(n.path("controls"))));
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asString().strip()));
        return List.copyOf(out);
    }
}
