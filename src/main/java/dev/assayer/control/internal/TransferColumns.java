package dev.assayer.control.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The columns (CSV) and keys (YAML) of control import and export, in export order. */
public final class TransferColumns {

    public static final List<String> ALL = List.of("ref", "title", "description", "owner", "nature", "kind", "frequency",
            "key_control", "status", "criteria", "objectives");

    private static final Map<String, String> ALIASES = Map.of("keycontrol", "key_control", "key", "key_control",
            "owner_email", "owner", "owneremail", "owner", "implementation_status", "status");

    private TransferColumns() {
    }

    /** The canonical column for a header or key ("Key Control", "keyControl" → key_control); null if unknown. */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (ALL.contains(n)) {
            return n;
        }
        return ALIASES.get(n);
    }
}
