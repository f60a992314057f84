package dev.assayer.policy.internal;

import dev.assayer.policy.Acknowledgement;
import dev.assayer.policy.AcknowledgementStatus;
import dev.assayer.policy.Policy;
import dev.assayer.policy.PolicyDiff;
import dev.assayer.policy.PolicyDraft;
import dev.assayer.policy.PolicyService;
import dev.assayer.policy.PolicyTemplate;
import dev.assayer.policy.PolicyVersion;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /api/v1/policies: policies (metadata with optimistic locking), their versions and the workflow
 * steps, PDF export, diffs, acknowledgements and the starter templates.
 */
@RestController
@RequestMapping("/api/v1/policies")
class PolicyApiController {

    /** POST and PUT body of a policy; {@code markdown} is version 1's text on POST, {@code version} is for PUT. */
    record PolicyRequest(String key, String title, UUID ownerId, List<String> controls, String markdown,
            Long version) {

        PolicyDraft draft() {
            return new PolicyDraft(key, title, ownerId, controls, markdown);
        }
    }

    /** POST /from-template body. */
    record FromTemplateRequest(String template, String key, String title, UUID ownerId, List<String> controls) {
    }

    /** Body of POST /versions (optional) and PUT /versions/{n}. */
    record TextRequest(String markdown) {
    }

    /** Optional body of POST /versions/{n}/approve. */
    record ApproveRequest(String reason) {
    }

    private final PolicyService policies;

    PolicyApiController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    List<Policy> list(@AuthenticationPrincipal CurrentUser user) {
        return policies.list(user);
    }

    @PostMapping
    ResponseEntity<Policy> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) PolicyRequest body) {
        Policy p = policies.create(user, body == null ? null : body.draft());
        return ResponseEntity.created(URI.create("/api/v1/policies/" + p.id())).body(p);
    }

    @PostMapping("/from-template")
    ResponseEntity<Policy> fromTemplate(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) FromTemplateRequest body) {
        if (body == null) {
            throw ApiProblem.invalidField("template", "is required");
        }
        Policy p = policies.createFromTemplate(user, body.template(),
                new PolicyDraft(body.key(), body.title(), body.ownerId(), body.controls(), null));
        return ResponseEntity.created(URI.create("/api/v1/policies/" + p.id())).body(p);
    }

    @GetMapping("/templates")
    List<PolicyTemplate> templates(@AuthenticationPrincipal CurrentUser user) {
        return policies.templates(user);
    }

    @GetMapping("/{id}")
    Policy get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return policies.get(user, id);
    }

    @PutMapping("/{id}")
    Policy update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) PolicyRequest body) {
        user.require(Permission.ENGAGEMENT_WRITE);
        if (body == null) {
            throw ApiProblem.invalidField("body", "a JSON policy is required");
        }
        if (body.version() == null) {
            throw ApiProblem.invalidField("version",
                    "is required: send the version you edited (from GET /api/v1/policies/" + id + ")");
        }
        return policies.update(user, id, body.draft(), body.version());
    }

    @GetMapping("/{id}/versions")
    List<PolicyVersion> versions(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return policies.versions(user, id);
    }

    @PostMapping("/{id}/versions")
    ResponseEntity<PolicyVersion> newVersion(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) TextRequest body) {
        PolicyVersion v = policies.newVersion(user, id, body == null ? null : body.markdown());
        return ResponseEntity.created(URI.create("/api/v1/policies/" + id + "/versions/" + v.number())).body(v);
    }

    @GetMapping("/{id}/versions/{n}")
    PolicyVersion version(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n) {
        return policies.version(user, id, n);
    }

    @PutMapping("/{id}/versions/{n}")
    PolicyVersion edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            @RequestBody(required = false) TextRequest body) {
        return policies.editDraft(user, id, n, body == null ? null : body.markdown());
    }

    @PostMapping("/{id}/versions/{n}/submit")
    PolicyVersion submit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n) {
        return policies.submit(user, id, n);
    }

    @PostMapping("/{id}/versions/{n}/approve")
    PolicyVersion approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n,
            @RequestBody(required = false) ApproveRequest body) {
        return policies.approve(user, id, n, body == null ? null : body.reason());
    }

    @PostMapping("/{id}/versions/{n}/publish")
    PolicyVersion publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n) {
        return policies.publish(user, id, n);
    }

    @GetMapping("/{id}/versions/{n}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable int n) {
        byte[] bytes = policies.pdf(user, id, n);
        Policy p = policies.get(user, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(PolicyService.pdfFilename(p, n)).build().toString())
                .body(bytes);
    }

    @PostMapping("/{id}/versions/{n}/acknowledge")
    Acknowledgement acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable int n) {
        return policies.acknowledge(user, id, n);
    }

    @GetMapping("/{id}/acknowledgements")
    AcknowledgementStatus acknowledgements(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return policies.acknowledgements(user, id);
    }

    @GetMapping("/{id}/diff")
    PolicyDiff diff(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to) {
        if (from == null) {
            throw ApiProblem.invalidField("from", "is required: the older version number");
        }
        if (to == null) {
            throw ApiProblem.invalidField("to", "is required: the newer version number");
        }
        return policies.diff(user, id, from, to);
    }
}
