package dev.assayer.vendor.internal;

import dev.assayer.engagement.ReportType;
import dev.assayer.engagement.SubserviceMethod;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import dev.assayer.vendor.CriticalityTier;
import dev.assayer.vendor.CuecGap;
import dev.assayer.vendor.Opinion;
import dev.assayer.vendor.ReportKind;
import dev.assayer.vendor.ReviewDraft;
import dev.assayer.vendor.Vendor;
import dev.assayer.vendor.VendorCuec;
import dev.assayer.vendor.VendorDraft;
import dev.assayer.vendor.VendorReview;
import dev.assayer.vendor.VendorService;
import dev.assayer.vendor.VendorStatus;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/vendors: the vendor register (create 201, list, read, replace with the edited
 * {@code version}), the reviews of a vendor's reports, and the CUECs no control covers.
 */
@RestController
@RequestMapping("/api/v1/vendors")
class VendorApiController {

    record VendorRequest(String ref, String name, String serviceProvided, List<String> dataAccessed,
            CriticalityTier tier, UUID ownerId, LocalDate contractStart, LocalDate contractEnd, Boolean subservice,
            SubserviceMethod subserviceMethod, List<String> csocs, List<UUID> engagementIds, VendorStatus status,
            Long version) {

        VendorDraft draft() {
            return new VendorDraft(ref, name, serviceProvided, dataAccessed, tier, ownerId, contractStart, contractEnd,
                    Boolean.TRUE.equals(subservice), subserviceMethod, csocs, engagementIds, status);
        }
    }

    record ReviewRequest(ReportKind reportKind, ReportType reportType, LocalDate periodStart, LocalDate periodEnd,
            LocalDate asOfDate, String serviceAuditor, Opinion opinion, List<String> exceptions, String exceptionsEffect,
            List<CuecRequest> cuecs, LocalDate bridgeLetterReceivedOn, LocalDate bridgeLetterCoversUntil,
            LocalDate reviewedOn, UUID evidenceId, String notes) {

        ReviewDraft draft() {
            List<VendorCuec> list = cuecs == null ? List.of()
                    : cuecs.stream().map(c -> c == null ? null : new VendorCuec(c.ref(), c.description(), c.control(), null))
                            .toList();
            return new ReviewDraft(reportKind, reportType, periodStart, periodEnd, asOfDate, serviceAuditor, opinion,
                    exceptions, exceptionsEffect, list, bridgeLetterReceivedOn, bridgeLetterCoversUntil, reviewedOn,
                    evidenceId, notes);
        }
    }

    /** A CUEC as submitted: {@code control} is one of our control refs or ids, or absent (a gap). */
    record CuecRequest(String ref, String description, String control) {
    }

    private final VendorService vendors;

    VendorApiController(VendorService vendors) {
        this.vendors = vendors;
    }

    @GetMapping
    List<Vendor> list(@AuthenticationPrincipal CurrentUser user) {
        return vendors.list(user);
    }

    @PostMapping
    ResponseEntity<Vendor> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) VendorRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        Vendor created = vendors.create(user, required(body).draft());
        return ResponseEntity.created(URI.create("/api/v1/vendors/" + created.id())).body(created);
    }

    @GetMapping("/cuec-gaps")
    List<CuecGap> cuecGaps(@AuthenticationPrincipal CurrentUser user) {
        return vendors.cuecGaps(user);
    }

    @GetMapping("/{id}")
    Vendor get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return vendors.get(user, id);
    }

    @PutMapping("/{id}")
    Vendor update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) VendorRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        VendorRequest request = required(body);
        if (request.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/vendors/" + id + ")");
        }
        return vendors.update(user, id, request.draft(), request.version());
    }

    @GetMapping("/{id}/reviews")
    List<VendorReview> reviews(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return vendors.reviews(user, id);
    }

    @PostMapping("/{id}/reviews")
    ResponseEntity<VendorReview> addReview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ReviewRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON review is required");
        }
        VendorReview created = vendors.addReview(user, id, body.draft());
        return ResponseEntity.created(URI.create("/api/v1/vendors/" + id + "/reviews")).body(created);
    }

    private static VendorRequest required(VendorRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON vendor is required");
        }
        return body;
    }
}
