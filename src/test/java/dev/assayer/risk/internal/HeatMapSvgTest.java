package dev.assayer.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeatMapSvgTest {

    @Test
    void heatMapCountsRisksPerCell() {
        RiskScale s = RiskScale.DEFAULT;
        HeatMap m = HeatMap.of(s, List.of(s.score(4, 5), s.score(4, 5), s.score(1, 1), s.score(2, 3)));
        assertThat(m.total()).isEqualTo(4);
        assertThat(m.count(4, 5)).isEqualTo(2);
        assertThat(m.count(1, 1)).isEqualTo(1);
        assertThat(m.count(2, 3)).isEqualTo(1);
        assertThat(m.count(5, 5)).isZero();
    }

    @Test
    void svgHasATitleDescriptionCellCountsAndTextBands() {
        RiskScale s = RiskScale.DEFAULT;
        HeatMap m = HeatMap.of(s, List.of(s.score(4, 5), s.score(4, 5), s.score(1, 1)));
        String svg = HeatMapSvg.render(m, "Inherent risk <heat> map", "hm");
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .contains("role=\"img\"", "aria-labelledby=\"hm-title hm-desc\"",
                        "<title id=\"hm-title\">Inherent risk &lt;heat&gt; map</title>", "3 risks by likelihood",
                        "<title>Likelihood 4, impact 5: score 20, critical, 2 risks</title>",
                        "<title>Likelihood 1, impact 1: score 1, low, 1 risk</title>",
                        "<title>Likelihood 3, impact 3: score 9, medium, 0 risks</title>",
                        "C = Critical", "L = Low", "Impact →", "Likelihood →")
                .doesNotContain("<script", "style=");
        assertThat(cellCount(svg, 4, 5)).isEqualTo(2);
        assertThat(cellCount(svg, 1, 1)).isEqualTo(1);
        assertThat(cellCount(svg, 5, 5)).isZero();
        assertThat(svg.split("<g class=\"cell\"", -1)).hasSize(26);
        assertThat(svg).contains(">2</text>");
    }

    @Test
    void nonDefaultScaleDrawsItsOwnGrid() {
        RiskScale s = new RiskScale(3, 4, 3, 6, 9);
        String svg = HeatMapSvg.render(new HeatMap(s), "Residual", "r");
        assertThat(svg.split("<g class=\"cell\"", -1)).hasSize(13);
        assertThat(svg).contains("0 risks by likelihood (rows, 1 to 3) and impact (columns, 1 to 4)");
    }

    static int cellCount(String svg, int l, int i) {
        Matcher m = Pattern.compile("data-likelihood=\"" + l + "\" data-impact=\"" + i + "\" data-count=\"(\\d+)\"")
                .matcher(svg);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
