package dev.assayer.risk.internal;

import dev.assayer.risk.RiskRating;

/**
 * Draws a {@link HeatMap} as a self-contained, accessible SVG: a {@code <title>} and
 * {@code <desc>}, impact across and likelihood up, each cell coloured by its band and labelled with
 * its count and band letter (so colour is never the only cue), a {@code <title>} per cell and a
 * legend naming the bands. No scripts, no styles: presentation attributes only (the CSP allows it
 * inline). Plain string building; every text is escaped.
 */
public final class HeatMapSvg {

    static final int CELL = 56;
    static final int LEFT = 70;
    static final int TOP = 40;

    private HeatMapSvg() {
    }

    public static String render(HeatMap map, String title, String idPrefix) {
        RiskScale s = map.scale();
        int cols = s.impactLevels();
        int rows = s.likelihoodLevels();
        int width = LEFT + cols * CELL + 20;
        int gridBottom = TOP + rows * CELL;
        int height = gridBottom + 90;
        String id = idPrefix.replaceAll("[^A-Za-z0-9_-]", "");
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" font-family=\"system-ui, sans-serif\">");
        b.append("<title id=\"").append(id).append("-title\">").append(esc(title)).append("</title>");
        b.append("<desc id=\"").append(id).append("-desc\">").append(map.total()).append(map.total() == 1 ? " risk" : " risks")
                .append(" by likelihood (rows, 1 to ").append(rows).append(") and impact (columns, 1 to ").append(cols)
                .append("). Bands: ").append(esc(s.bandsText())).append(".</desc>");
        b.append("<text x=\"").append(LEFT + cols * CELL / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" "
                + "font-weight=\"600\" fill=\"#1f2933\">").append(esc(title)).append("</text>");
        for (int l = rows; l >= 1; l--) {
            int y = TOP + (rows - l) * CELL;
            b.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + CELL / 2 + 5)
                    .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1f2933\">").append(l).append("</text>");
            for (int i = 1; i <= cols; i++) {
                int x = LEFT + (i - 1) * CELL;
                int score = l * i;
                RiskRating r = s.rating(score);
                int n = map.count(l, i);
                b.append("<g class=\"cell\" data-likelihood=\"").append(l).append("\" data-impact=\"").append(i)
                        .append("\" data-count=\"").append(n).append("\">");
                b.append("<title>Likelihood ").append(l).append(", impact ").append(i).append(": score ").append(score)
                        .append(", ").append(r.label().toLowerCase()).append(", ").append(n).append(n == 1 ? " risk" : " risks")
                        .append("</title>");
                b.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(CELL)
                        .append("\" height=\"").append(CELL).append("\" fill=\"").append(fill(r))
                        .append("\" stroke=\"#ffffff\" stroke-width=\"2\"/>");
                b.append("<text x=\"").append(x + CELL / 2).append("\" y=\"").append(y + CELL / 2 + 2)
                        .append("\" text-anchor=\"middle\" font-size=\"").append(n > 0 ? 18 : 13)
                        .append("\" font-weight=\"").append(n > 0 ? 700 : 400).append("\" fill=\"").append(ink(r)).append("\">")
                        .append(n > 0 ? String.valueOf(n) : "·").append("</text>");
                b.append("<text x=\"").append(x + CELL / 2).append("\" y=\"").append(y + CELL - 8)
                        .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"").append(ink(r)).append("\">")
                        .append(letter(r)).append(score).append("</text>");
                b.append("</g>");
            }
        }
        for (int i = 1; i <= cols; i++) {
            b.append("<text x=\"").append(LEFT + (i - 1) * CELL + CELL / 2).append("\" y=\"").append(gridBottom + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1f2933\">").append(i).append("</text>");
        }
        b.append("<text x=\"").append(LEFT + cols * CELL / 2).append("\" y=\"").append(gridBottom + 34)
                .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1f2933\">Impact →</text>");
        b.append("<text x=\"14\" y=\"").append(TOP + rows * CELL / 2).append("\" text-anchor=\"middle\" font-size=\"12\" "
                + "fill=\"#1f2933\" transform=\"rotate(-90 14 ").append(TOP + rows * CELL / 2).append(")\">Likelihood →</text>");
        int lx = 8;
        int ly = gridBottom + 52;
        for (RiskRating r : RiskRating.values()) {
            b.append("<rect x=\"").append(lx).append("\" y=\"").append(ly).append("\" width=\"14\" height=\"14\" fill=\"")
                    .append(fill(r)).append("\"/>");
            b.append("<text x=\"").append(lx + 18).append("\" y=\"").append(ly + 12).append("\" font-size=\"11\" fill=\"#1f2933\">")
                    .append(letter(r)).append(" = ").append(r.label()).append("</text>");
            lx += 84;
        }
        b.append("<text x=\"8\" y=\"").append(ly + 32).append("\" font-size=\"10\" fill=\"#52606d\">")
                .append("Cell: number of risks; small text: band letter and score.</text>");
        b.append("</svg>");
        return b.toString();
    }

    static String letter(RiskRating r) {
        return switch (r) {
            case LOW -> "L";
            case MEDIUM -> "M";
            case HIGH -> "H";
            case CRITICAL -> "C";
        };
    }

    private static String fill(RiskRating r) {
        return switch (r) {
            case LOW -> "#cfe8d5";
            case MEDIUM -> "#fbe7a1";
            case HIGH -> "#f7b77d";
            case CRITICAL -> "#b3261e";
        };
    }

    private static String ink(RiskRating r) {
        return r == RiskRating.CRITICAL ? "#ffffff" : "#1f2933";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
