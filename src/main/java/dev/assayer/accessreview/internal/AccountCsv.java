package dev.assayer.accessreview.internal;

import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.ApiProblem.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a system's account list (CSV with a header row). Columns: {@code account} (required),
 * {@code email}, {@code name}, {@code entitlement}, {@code last_login}, {@code status}; a few common
 * spellings are accepted (see {@link #ALIASES}). The file is checked as a whole: every bad line and
 * field is reported at once (line 1 is the header) and nothing is returned unless all lines are good.
 */
public final class AccountCsv {

    /** Canonical column names, in the documented order. */
    public static final List<String> COLUMNS = List.of("account", "email", "name", "entitlement", "last_login", "status");

    /** Accepted header spellings (lower case, spaces and hyphens read as '_') → canonical column. */
    static final Map<String, String> ALIASES = aliases();

    static final int MAX_ACCOUNTS = 20_000;
    static final int ACCOUNT_MAX = 200;
    static final int EMAIL_MAX = 320;
    static final int NAME_MAX = 200;
    static final int STATUS_MAX = 60;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
    private static final Set<String> NEVER = Set.of("never", "n/a", "na", "none", "-", "no_information");

    /** One good line of the file. {@code email} is lower case; {@code lastLogin} the UTC day. */
    public record ImportedAccount(int line, String account, String email, String name, String entitlement,
            LocalDate lastLogin, String status) {

        /** The key that makes accounts unique within a campaign (logins compare ignoring case). */
        public String key() {
            return key(account);
        }

        static String key(String account) {
            return account.toLowerCase(Locale.ROOT);
        }
    }

    private AccountCsv() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> m = new HashMap<>();
        for (String a : List.of("account", "login", "username", "user_name", "user", "account_name")) {
            m.put(a, "account");
        }
        for (String a : List.of("email", "e_mail", "mail", "owner_email", "owner")) {
            m.put(a, "email");
        }
        for (String a : List.of("name", "display_name", "full_name", "owner_name")) {
            m.put(a, "name");
        }
        for (String a : List.of("entitlement", "entitlements", "role", "roles", "group", "groups", "permission",
                "permissions", "access")) {
            m.put(a, "entitlement");
        }
        for (String a : List.of("last_login", "last_sign_in", "last_signin", "lastlogin", "last_login_at", "last_used",
                "last_activity")) {
            m.put(a, "last_login");
        }
        for (String a : List.of("status", "state", "account_status")) {
            m.put(a, "status");
        }
        return Map.copyOf(m);
    }

    static String canonical(String header) {
        String h = header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return ALIASES.get(h);
    }

    /** Parses and validates the whole file; throws one 400 problem listing every bad line and field. */
    public static List<ImportedAccount> parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.invalidLine("CSV", 1, null, "the file is empty; expected a header row with the columns "
                    + String.join(",", COLUMNS) + ", then one line per account");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int[] lineStarts = lineStarts(body);
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        List<FieldError> errors = new ArrayList<>();
        List<ImportedAccount> out = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        long lastLine = 0;
        try (CSVParser parser = CSVParser.parse(body, format)) {
            List<String> columns = null;
            for (CSVRecord rec : parser) {
                int line = lineOf(lineStarts, skipLineBreaks(body, rec.getCharacterPosition()));
                lastLine = parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(rec, line, errors);
                    if (!errors.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                if (out.size() + 1 > MAX_ACCOUNTS) {
                    errors.add(new FieldError(null, "more than " + MAX_ACCOUNTS + " accounts; split the list by "
                            + "system or entitlement", line));
                    break;
                }
                if (rec.size() > columns.size()) {
                    errors.add(new FieldError(null, "the line has " + rec.size() + " values but the header has "
                            + columns.size() + " columns", line));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    String v = i < rec.size() ? rec.get(i) : "";
                    values.put(columns.get(i), v.isEmpty() ? null : v);
                }
                ImportedAccount a = account(line, values, errors);
                if (a != null) {
                    Integer first = firstLine.putIfAbsent(a.key(), line);
                    if (first != null) {
                        errors.add(new FieldError("account", "duplicate account '" + a.account() + "' (first on line "
                                + first + ")", line));
                    } else {
                        out.add(a);
                    }
                }
            }
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            errors.add(new FieldError(null, "malformed CSV: " + (e.getMessage() == null ? "unreadable" : e.getMessage()),
                    (int) lastLine + 1));
        } catch (IOException e) {
            errors.add(new FieldError(null, "malformed CSV: " + e.getMessage(), (int) lastLine + 1));
        }
        if (errors.isEmpty() && out.isEmpty()) {
            errors.add(new FieldError(null, "the file has a header but no accounts", 1));
        }
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
        return out;
    }

    private static ApiProblem problem(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        String where = "CSV line " + first.line() + (first.field() == null ? "" : ", field '" + first.field() + "'");
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more problem"
                + (errors.size() == 2 ? "" : "s") + ")";
        return new ApiProblem(400, "Invalid import", where + ": " + first.message() + more + "; nothing was imported",
                errors);
    }

    private static List<String> header(CSVRecord rec, int line, List<FieldError> errors) {
        List<String> columns = new ArrayList<>();
        for (String h : rec) {
            String c = canonical(h);
            if (c == null) {
                errors.add(new FieldError(h, "unknown column '" + h + "' (expected " + String.join(", ", COLUMNS)
                        + "; remove other columns from the export)", line));
            } else if (columns.contains(c)) {
                errors.add(new FieldError(c, "column '" + h + "' appears twice (as " + c + ")", line));
            }
            columns.add(c);
        }
        if (!columns.contains("account")) {
            errors.add(new FieldError("account", "the header has no 'account' column (the login or user name)", line));
        }
        return columns;
    }

    private static ImportedAccount account(int line, Map<String, String> v, List<FieldError> errors) {
        int before = errors.size();
        String account = v.get("account");
        if (account == null) {
            errors.add(new FieldError("account", "is required (the login or user name)", line));
        } else if (account.length() > ACCOUNT_MAX) {
            errors.add(new FieldError("account", "at most " + ACCOUNT_MAX + " characters", line));
        }
        String email = v.get("email");
        if (email != null) {
            if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("email", "'" + email + "' is not an e-mail address", line));
            } else {
                email = email.toLowerCase(Locale.ROOT);
            }
        }
        String name = v.get("name");
        if (name != null && name.length() > NAME_MAX) {
            errors.add(new FieldError("name", "at most " + NAME_MAX + " characters", line));
        }
        String entitlement = v.get("entitlement");
        if (entitlement != null && entitlement.length() > Check.ENTITLEMENT) {
            errors.add(new FieldError("entitlement", "at most " + Check.ENTITLEMENT + " characters", line));
        }
        LocalDate lastLogin = lastLogin(v.get("last_login"), line, errors);
        String status = v.get("status");
        if (status != null && status.length() > STATUS_MAX) {
            errors.add(new FieldError("status", "at most " + STATUS_MAX + " characters", line));
        }
        if (errors.size() > before) {
            return account == null || account.length() > ACCOUNT_MAX ? null
                    : new ImportedAccount(line, account, null, null, null, null, null);
        }
        return new ImportedAccount(line, account, email, name, entitlement, lastLogin, status);
    }

    /**
     * A date (YYYY-MM-DD) or a date and time as exports write them (ISO-8601 with or without an
     * offset, or with a space instead of 'T'; the UTC day is kept). Blank, "never" or "n/a": none.
     */
    static LocalDate lastLogin(String text, int line, List<FieldError> errors) {
        if (text == null || NEVER.contains(text.strip().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String t = text.strip();
        if (DATE_START.matcher(t).matches()) {
            try {
                if (t.length() == 10) {
                    return LocalDate.parse(t);
                }
                String iso = t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11).strip() : t;
                try {
                    return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(iso).toLocalDate();
                }
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                // reported below
            }
        }
        errors.add(new FieldError("last_login", "'" + text + "' is not a date (use YYYY-MM-DD or an ISO-8601 date "
                + "and time such as 2026-09-01T10:22:00Z; leave it blank or write 'never' if there is none)", line));
        return null;
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Empty lines skipped by the parser belong to the next record's position: step over them. */
    private static long skipLineBreaks(String s, long pos) {
        int i = (int) pos;
        while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static int lineOf(int[] starts, long pos) {
        int idx = Arrays.binarySearch(starts, (int) pos);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }
}
