package dev.assayer.report.internal.render;

import dev.assayer.report.ReportDocument.Attribution;
import dev.assayer.report.ReportDocument.Section;
import dev.assayer.report.ReportDocument.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wording and escaping shared by the three renderers. */
final class Text {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String date(Instant at) {
        return at == null ? "" : DATE.format(at);
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    /** "Section I: System description", or just the title for front matter. */
    static String sectionTitle(Section s) {
        String title = nz(s.title());
        return blank(s.number()) ? title : "Section " + s.number().strip() + (title.isEmpty() ? "" : ": " + title);
    }

    /** "Test result", "Deviation", "Management's response", … for an attribution kind. */
    static String kindLabel(String kind) {
        if (blank(kind)) {
            return "Text";
        }
        return switch (kind.strip().toUpperCase(Locale.ROOT)) {
            case "OPINION" -> "Opinion";
            case "TEST_RESULT" -> "Test result";
            case "CONCLUSION" -> "Conclusion";
            case "DEVIATION" -> "Deviation";
            case "RESPONSE" -> "Management's response";
            case "ASSERTION" -> "Assertion";
            default -> {
                String words = kind.strip().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    /** The line printed under recorded text: "Test result recorded by Dana Ortiz on 2026-03-02". */
    static String attribution(Attribution a) {
        StringBuilder sb = new StringBuilder(kindLabel(a.kind())).append(" recorded by ");
        sb.append(blank(a.recordedBy()) ? "an unnamed person" : a.recordedBy().strip());
        if (a.recordedAt() != null) {
            sb.append(" on ").append(date(a.recordedAt()));
        }
        return sb.toString();
    }

    /** The lines of an electronic signature block. */
    static List<String> signatureLines(Signature s) {
        List<String> lines = new ArrayList<>();
        lines.add(blank(s.name()) ? "(no name recorded)" : s.name().strip());
        if (!blank(s.title())) {
            lines.add(s.title().strip());
        }
        lines.add(s.signedAt() == null ? "Not signed" : "Signed electronically on " + dateTime(s.signedAt()));
        if (!blank(s.refersTo())) {
            lines.add("Refers to: " + s.refersTo().strip());
        }
        return lines;
    }

    /** Removes characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/FFFF). */
    static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && sb == null) {
                sb = new StringBuilder(n).append(s, 0, i);
            }
            if (ok && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Escapes text for XHTML element content and attribute values. */
    static String esc(String s) {
        String safe = xmlSafe(s);
        StringBuilder sb = null;
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(safe.length() + 16).append(safe, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? safe : sb.toString();
    }

    /** Splits text into paragraphs at blank lines; each paragraph keeps its single line breaks. */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : nz(text).replace("\r\n", "\n").replace('\r', '\n').split("\n[ \t]*\n")) {
            String t = p.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Lines of one paragraph. */
    static String[] lines(String paragraph) {
        return paragraph.split("\n", -1);
    }
}
