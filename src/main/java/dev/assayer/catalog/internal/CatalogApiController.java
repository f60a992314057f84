package dev.assayer.catalog.internal;

import dev.assayer.catalog.CatalogService;
import dev.assayer.catalog.ControlObjective;
import dev.assayer.catalog.Criterion;
import dev.assayer.catalog.Framework;
import dev.assayer.catalog.ObjectiveDraft;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
 * /api/v1/frameworks, /api/v1/criteria and /api/v1/objectives. Reads need CATALOG_READ, changes
 * to objectives OBJECTIVE_WRITE.
 */
@RestController
@RequestMapping("/api/v1")
class CatalogApiController {

    /** Body of POST and PUT /api/v1/objectives; {@code version} is required on PUT. */
    record ObjectiveRequest(String ref, String category, String series, String title, String description,
            Long version) {
        ObjectiveDraft draft() {
            return new ObjectiveDraft(ref, category, series, title, description);
        }
    }

    record AdoptResult(int adopted, List<ControlObjective> objectives) {
    }

    private final CatalogService catalog;

    CatalogApiController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/frameworks")
    List<Framework> frameworks(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.CATALOG_READ);
        return catalog.frameworks();
    }

    @GetMapping("/frameworks/{key}")
    Framework framework(@AuthenticationPrincipal CurrentUser user, @PathVariable String key) {
        user.require(Permission.CATALOG_READ);
        return catalog.framework(key).orElseThrow(() -> ApiProblem.notFound("Framework '" + key + "'"));
    }

    @GetMapping("/frameworks/{key}/criteria")
    List<Criterion> criteria(@AuthenticationPrincipal CurrentUser user, @PathVariable String key) {
        user.require(Permission.CATALOG_READ);
        if (catalog.framework(key).isEmpty()) {
            throw ApiProblem.notFound("Framework '" + key + "'");
        }
        return catalog.criteria(key);
    }

    @GetMapping("/criteria/{id}")
    Criterion criterion(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        user.require(Permission.CATALOG_READ);
        return catalog.criterion(id).orElseThrow(() -> ApiProblem.notFound("SOC 2 criterion '" + id + "'"));
    }

    @GetMapping("/objectives")
    List<ControlObjective> objectives(@AuthenticationPrincipal CurrentUser user) {
        user.require(Permission.CATALOG_READ);
        return catalog.objectives(user.orgId());
    }

    @GetMapping("/objectives/{id}")
    ControlObjective objective(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        user.require(Permission.CATALOG_READ);
        return catalog.objective(user.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Control objective " + id));
    }

    @PostMapping("/objectives")
    ResponseEntity<ControlObjective> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) ObjectiveRequest body) {
        user.require(Permission.OBJECTIVE_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON object with ref, category, title is required");
        }
        ControlObjective created = catalog.createObjective(user, body.draft());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @PutMapping("/objectives/{id}")
    ControlObjective update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ObjectiveRequest body) {
        user.require(Permission.OBJECTIVE_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON object with ref, category, title and version is required");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version", "is required (the version you edited, for optimistic locking)");
        }
        return catalog.updateObjective(user, id, body.draft(), body.version());
    }

    @PostMapping("/objectives/adopt-starter")
    AdoptResult adoptStarter(@AuthenticationPrincipal CurrentUser user) {
        List<ControlObjective> added = catalog.adoptStarterObjectives(user);
        return new AdoptResult(added.size(), added);
    }
}
