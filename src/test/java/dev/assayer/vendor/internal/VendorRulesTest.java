package dev.assayer.vendor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.shared.ApiProblem;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VendorRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final UUID AC1 = UUID.randomUUID();
    static final Map<String, UUID> CONTROLS = Map.of("AC-1", AC1);

    static ReviewDraft soc2(List<VendorCuec> cuecs) {
        return new ReviewDraft(ReportKind.SOC2, ReportType.TYPE2, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                null, "Auditor LLP", Opinion.UNMODIFIED, List.of(), null, cuecs, null, null, null, null, null);
    }

    static ReviewDraft normalize(ReviewDraft d) {
        return VendorRules.normalizeReview(d, TODAY, ref -> Optional.ofNullable(CONTROLS.get(ref)), id -> false);
    }

    static List<String> fields(Runnable r) {
        try {
            r.run();
        } catch (ApiProblem p) {
            return p.errors().stream().map(ApiProblem.FieldError::field).toList();
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void cuecsWithoutAControlAreGapsAndMappedOnesAreResolved() {
        ReviewDraft valid = normalize(soc2(List.of(new VendorCuec(null, "Manage your users", "AC-1", null),
                new VendorCuec("C-2", "Protect your API keys", null, null),
                new VendorCuec("C-3", "Review audit logs", "  ", null))));
        assertThat(valid.cuecs()).extracting(VendorCuec::ref).containsExactly("CUEC-1", "C-2", "C-3");
        assertThat(valid.cuecs().getFirst().controlId()).isEqualTo(AC1);
        assertThat(VendorRules.gaps(valid.cuecs())).extracting(VendorCuec::ref).containsExactly("C-2", "C-3");
        assertThat(valid.reviewedOn()).isEqualTo(TODAY);
    }

    @Test
    void anUnknownControlIsAnErrorNamingTheCuecNotASilentGap() {
        assertThat(fields(() -> normalize(soc2(List.of(new VendorCuec("C-1", "Manage users", "AC-99", null))))))
                .containsExactly("cuecs[0].control");
    }

    @Test
    void aTypeTwoReportNeedsItsPeriodAndASocReportItsOpinion() {
        ReviewDraft d = new ReviewDraft(ReportKind.SOC1, ReportType.TYPE2, null, null, null, null, null, List.of("x"),
                null, List.of(), null, null, TODAY.plusDays(1), null, null);
        assertThat(fields(() -> normalize(d))).containsExactlyInAnyOrder("periodStart", "periodEnd", "opinion",
                "exceptionsEffect", "reviewedOn");
    }

    @Test
    void anIsoCertificateHasNoTypeAndNeedsNoOpinion() {
        ReviewDraft iso = new ReviewDraft(ReportKind.ISO27001, null, null, null, LocalDate.of(2026, 1, 1), null, null,
                null, null, null, null, null, null, null, null);
        assertThat(normalize(iso).reportType()).isNull();
        ReviewDraft typed = new ReviewDraft(ReportKind.ISO27001, ReportType.TYPE1, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertThat(fields(() -> normalize(typed))).containsExactly("reportType");
    }

    @Test
    void aBridgeLetterMustCoverBeyondTheReportPeriod() {
        ReviewDraft d = new ReviewDraft(ReportKind.SOC2, ReportType.TYPE2, LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), null, null, Opinion.QUALIFIED, List.of(), null, List.of(),
                LocalDate.of(2026, 2, 1), LocalDate.of(2025, 6, 30), null, null, null);
        assertThat(fields(() -> normalize(d))).containsExactly("bridgeLetterCoversUntil");
    }

    @Test
    void subserviceFieldsRequireTheSubserviceFlagAndAMethod() {
        VendorDraft notSub = new VendorDraft(null, "Host", null, null, CriticalityTier.TIER_1, null, null, null, false,
                SubserviceMethod.CARVE_OUT, List.of("Physical security"), List.of(UUID.randomUUID()), null);
        assertThat(fields(() -> VendorRules.normalize(notSub, VendorStatus.ACTIVE, u -> true, e -> true)))
                .containsExactlyInAnyOrder("subserviceMethod", "csocs", "engagementIds");
        VendorDraft sub = new VendorDraft(null, "Host", null, null, CriticalityTier.TIER_1, null, null, null, true,
                null, null, List.of(UUID.randomUUID()), null);
        assertThat(fields(() -> VendorRules.normalize(sub, VendorStatus.ACTIVE, u -> true, e -> false)))
                .containsExactlyInAnyOrder("subserviceMethod", "engagementIds[0]");
    }

    @Test
    void vendorNameAndTierAreRequiredAndContractEndNotBeforeStart() {
        VendorDraft d = new VendorDraft("bad ref!", " ", null, List.of("PII", "pii", " "), null, UUID.randomUUID(),
                LocalDate.of(2026, 1, 1), LocalDate.of(2025, 1, 1), false, null, null, null, null);
        assertThat(fields(() -> VendorRules.normalize(d, VendorStatus.ACTIVE, u -> false, e -> true)))
                .containsExactlyInAnyOrder("ref", "name", "tier", "ownerId", "contractEnd");
        VendorDraft ok = new VendorDraft(null, " Host ", null, List.of("PII", "pii", " "), CriticalityTier.TIER_2,
                null, null, null, false, null, null, null, null);
        VendorDraft valid = VendorRules.normalize(ok, VendorStatus.ACTIVE, u -> false, e -> true);
        assertThat(valid.name()).isEqualTo("Host");
        assertThat(valid.dataAccessed()).containsExactly("PII");
        assertThat(valid.status()).isEqualTo(VendorStatus.ACTIVE);
    }

    @Test
    void nextRefFollowsTheHighestNumberInUse() {
        assertThat(VendorRules.nextRef(List.of())).isEqualTo("VND-1");
        assertThat(VendorRules.nextRef(List.of("VND-2", "vnd-10", "HOST"))).isEqualTo("VND-11");
    }

    @Test
    void warningsOnlyForActiveVendors() {
        assertThat(VendorRules.warnings(true, false, true, TODAY, VendorStatus.ACTIVE)).hasSize(2);
        assertThat(VendorRules.warnings(true, true, false, TODAY, VendorStatus.ACTIVE)).isEmpty();
        assertThat(VendorRules.warnings(true, false, true, TODAY, VendorStatus.TERMINATED)).isEmpty();
    }
}
