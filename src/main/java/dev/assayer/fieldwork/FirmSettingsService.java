package dev.assayer.fieldwork;

import dev.assayer.activity.ActivityLog;
import dev.assayer.fieldwork.internal.testing.FirmTableRepository;
import dev.assayer.fieldwork.sampling.ControlFrequency;
import dev.assayer.fieldwork.sampling.FrequencyTable;
import dev.assayer.identity.IdentityService;
import dev.assayer.identity.Organization;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An audit firm's methodology settings: the sample-size frequency table (issue 4 §5) and the
 * confidence its tests use by default. Every firm member reads them (also from inside a client
 * engagement, where test sizing uses them); a partner changes them in the firm's own context
 * ({@link Permission#FIRM_MANAGE}, never available inside a client). Changes are in the firm's
 * activity log and apply to tests sized afterwards; a test keeps the size it was planned with
 * until it is saved again.
 */
@Service
public class FirmSettingsService {

    /** The confidence a firm's tests use unless it chose 90 %. */
    public static final BigDecimal DEFAULT_CONFIDENCE = new BigDecimal("0.95");
    /** The confidences the AICPA guide's tables cover (5 % and 10 % risk of over-reliance). */
    public static final List<BigDecimal> CONFIDENCES = List.of(new BigDecimal("0.95"), new BigDecimal("0.9"));
    static final int MAX_SIZE = 1000;

    private final FirmTableRepository repo;
    private final IdentityService identity;
    private final ActivityLog activity;
    private final Clock clock;

    public FirmSettingsService(FirmTableRepository repo, IdentityService identity, ActivityLog activity,
            Optional<Clock> clock) {
        this.repo = repo;
        this.identity = identity;
        this.activity = activity;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The table of the user's firm (their own firm, or the firm they audit a client engagement for). */
    @Transactional(readOnly = true)
    public FirmFrequencyTable frequencyTable(CurrentUser user) {
        user.require(Permission.FIELDWORK_READ);
        return table(firmOf(user));
    }

    /** For the tests module: a firm's table without a permission check (defaults until it changes them). */
    @Transactional(readOnly = true)
    public FirmFrequencyTable table(UUID firmId) {
        return repo.find(firmId)
                .map(r -> view(firmId, r.sizes(), r.defaultConfidence(), true, r.updatedBy(), r.updatedAt(), r.version()))
                .orElseGet(() -> view(firmId, sizes(FrequencyTable.defaults()), DEFAULT_CONFIDENCE, false, null, null, 0));
    }

    /**
     * Changes the firm's table. {@code sizes} may name only the frequencies to change (the others
     * keep their size; EVENT_DRIVEN cannot be set: it follows the periodic sizes); a null
     * {@code defaultConfidence} keeps the current one. {@code version} is the version edited (0 while
     * the firm uses the defaults); a stale one is a 409.
     */
    @Transactional
    public FirmFrequencyTable updateFrequencyTable(CurrentUser user, Map<ControlFrequency, Integer> sizes,
            BigDecimal defaultConfidence, long version) {
        user.require(Permission.FIRM_MANAGE);
        UUID firmId = firmOf(user);
        FirmFrequencyTable before = table(firmId);
        if (before.version() != version) {
            throw ApiProblem.staleVersion("The frequency table", version, before.version());
        }
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Map<ControlFrequency, Integer> next = new EnumMap<>(before.sizes());
        if (sizes != null) {
            sizes.forEach((f, size) -> {
                if (f == null) {
                    return;
                }
                String field = "sizes." + f.name();
                if (f == ControlFrequency.EVENT_DRIVEN) {
                    errors.add(new ApiProblem.FieldError(field,
                            "event-driven controls are sized by their population from the periodic sizes; set those"));
                } else if (size == null || size < 1 || size > MAX_SIZE) {
                    errors.add(new ApiProblem.FieldError(field, "must be a whole number from 1 to " + MAX_SIZE));
                } else {
                    next.put(f, size);
                }
            });
        }
        BigDecimal confidence = defaultConfidence == null ? before.defaultConfidence() : defaultConfidence.stripTrailingZeros();
        if (CONFIDENCES.stream().noneMatch(c -> c.compareTo(confidence) == 0)) {
            errors.add(new ApiProblem.FieldError("defaultConfidence", "must be 0.95 or 0.90 (the confidence levels of "
                    + "the AICPA sampling tables), was " + confidence.toPlainString()));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean saved = version == 0 ? repo.insert(firmId, next, confidence, user.label(), now)
                : repo.update(firmId, version, next, confidence, user.label(), now);
        if (!saved) {
            throw ApiProblem.staleVersion("The frequency table", version, table(firmId).version());
        }
        FirmFrequencyTable after = table(firmId);
        activity.record(user, "firm-frequency-table", firmId, "updated", logView(before), logView(after));
        return after;
    }

    private UUID firmOf(CurrentUser user) {
        UUID firmId = user.scope() == null ? user.orgId() : user.scope().firmId();
        boolean firm = identity.organization(firmId).map(Organization::auditFirm).orElse(false);
        if (!firm) {
            throw ApiProblem.notFound("Audit firm");
        }
        return firmId;
    }

    private static Map<ControlFrequency, Integer> sizes(FrequencyTable table) {
        Map<ControlFrequency, Integer> m = new EnumMap<>(ControlFrequency.class);
        for (ControlFrequency f : ControlFrequency.values()) {
            if (f != ControlFrequency.EVENT_DRIVEN) {
                m.put(f, table.sizeFor(f).size());
            }
        }
        return m;
    }

    private static FirmFrequencyTable view(UUID firmId, Map<ControlFrequency, Integer> sizes, BigDecimal confidence,
            boolean customized, String by, Instant at, long version) {
        FrequencyTable t = FrequencyTable.defaults();
        for (Map.Entry<ControlFrequency, Integer> e : sizes.entrySet()) {
            t = t.withOverride(e.getKey(), e.getValue());
        }
        return new FirmFrequencyTable(firmId, sizes, confidence, "ITGC reliance required: "
                + t.sizeFor(ControlFrequency.AUTOMATED).note(), customized, by, at, version);
    }

    private static Map<String, Object> logView(FirmFrequencyTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ControlFrequency f : ControlFrequency.values()) {
            if (t.sizes().containsKey(f)) {
                m.put(f.name(), t.sizes().get(f));
            }
        }
        m.put("defaultConfidence", t.defaultConfidence().toPlainString());
        return m;
    }
}
