package dev.assayer.control.internal;

import dev.assayer.control.Control;
import dev.assayer.control.ControlDraft;
import dev.assayer.control.ControlFilter;
import dev.assayer.control.ControlKind;
import dev.assayer.control.ControlService;
import dev.assayer.control.Frequency;
import dev.assayer.control.ImplementationStatus;
import dev.assayer.control.ImportResult;
import dev.assayer.control.Nature;
import dev.assayer.control.TransferFormat;
import dev.assayer.shared.ApiProblem;
import dev.assayer.shared.tenancy.CurrentUser;
import dev.assayer.shared.tenancy.Permission;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control library API under /api/v1/controls: list with filters, read, create, update
 * (with "version"), adopt the starter library, and CSV/YAML import and export.
 */
@RestController
@RequestMapping("/api/v1/controls")
class ControlApiController {

    private final ControlService controls;
    private final JsonMapper json;

    ControlApiController(ControlService controls, JsonMapper json) {
        this.controls = controls;
        this.json = json;
    }

    @GetMapping
    List<Control> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String text,
            @RequestParam(required = false) String q, @RequestParam(required = false) String criterion,
            @RequestParam(required = false) String ownerId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String nature, @RequestParam(required = false) String frequency,
            @RequestParam(required = false) String keyOnly, @RequestParam(required = false) String objective) {
        return controls.list(user, filter(text != null ? text : q, criterion, ownerId, status, nature, frequency, keyOnly,
                objective));
    }

    /** Builds a filter from request parameters; a bad value is a 400 naming the parameter. */
    static ControlFilter filter(String text, String criterion, String ownerId, String status, String nature,
            String frequency, String keyOnly, String objective) {
        UUID owner = null;
        if (ownerId != null && !ownerId.isBlank()) {
            try {
                owner = UUID.fromString(ownerId.strip());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("ownerId", "'" + ownerId + "' is not a member id");
            }
        }
        Boolean key;
        try {
            key = ControlRules.parseBoolean(keyOnly);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("keyOnly", e.getMessage());
        }
        return new ControlFilter(blankToNull(text), blankToNull(criterion), owner,
                param(ImplementationStatus.class, "status", status), param(Nature.class, "nature", nature),
                param(Frequency.class, "frequency", frequency), key, blankToNull(objective));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static <E extends Enum<E>> E param(Class<E> type, String name, String value) {
        try {
            return ControlRules.parseEnum(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(name, e.getMessage());
        }
    }

    @GetMapping("/{idOrRef}")
    Control get(@AuthenticationPrincipal CurrentUser user, @PathVariable String idOrRef) {
        return controls.get(user, resolve(user, idOrRef));
    }

    private UUID resolve(CurrentUser user, String idOrRef) {
        user.require(Permission.CONTROL_READ);
        return controls.resolve(user.orgId(), idOrRef).orElseThrow(() -> ApiProblem.notFound("Control " + idOrRef));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Control> create(@AuthenticationPrincipal CurrentUser user, @RequestBody JsonNode body) {
        user.require(Permission.CONTROL_WRITE);
        Control c = controls.create(user, draft(body));
        return ResponseEntity.created(URI.create("/api/v1/controls/" + c.id())).body(c);
    }

    @PutMapping(path = "/{idOrRef}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Control update(@AuthenticationPrincipal CurrentUser user, @PathVariable String idOrRef, @RequestBody JsonNode body) {
        if (!user.can(Permission.CONTROL_WRITE_OWN)) {
            user.require(Permission.CONTROL_WRITE);
        }
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object with the control's fields and \"version\"");
        }
        JsonNode version = body.get("version");
        if (version == null || version.isNull()) {
            throw ApiProblem.invalidField("version", "is required: send the version you read, to detect concurrent edits");
        }
        if (!version.canConvertToLong()) {
            throw ApiProblem.invalidField("version", "must be a whole number");
        }
        UUID id = controls.resolve(user.orgId(), idOrRef).orElseThrow(() -> ApiProblem.notFound("Control " + idOrRef));
        return controls.update(user, id, draft(body), version.asLong());
    }

    /** The draft in a JSON body; an explicit {@code "ownerId": null} (or "") removes the owner. */
    private ControlDraft draft(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalidField("body", "must be a JSON object with the control's fields");
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove("version");
        boolean clearOwner = false;
        JsonNode owner = copy.get("ownerId");
        if (owner == null && copy.get("owner") instanceof JsonNode o && o.isObject()) {
            owner = o.get("id") == null ? tools.jackson.databind.node.NullNode.getInstance() : o.get("id");
        }
        copy.remove("owner");
        copy.remove("ownerName");
        if (owner != null && (owner.isNull() || (owner.isString() && owner.asString().isBlank()))) {
            clearOwner = true;
            copy.remove("ownerId");
        } else if (owner != null) {
            copy.set("ownerId", owner);
        }
        for (String listField : List.of("criteria", "objectives")) {
            JsonNode n = copy.get(listField);
            if (n != null && n.isString()) {
                copy.set(listField, json.valueToTree(ControlRules.splitList(n.asString())));
            }
        }
        ControlDraft d;
        try {
            d = json.treeToValue(copy, ControlDraft.class);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() || e.getPath().getFirst().getPropertyName() == null ? "body"
                    : e.getPath().getFirst().getPropertyName();
            throw ApiProblem.invalidField(field, "not a valid value" + hint(field));
        }
        if (clearOwner) {
            d = new ControlDraft(d.ref(), d.title(), d.description(), ControlService.NO_OWNER, d.nature(), d.kind(),
                    d.frequency(), d.keyControl(), d.status(), d.criteria(), d.objectives());
        }
        return d;
    }

    private static String hint(String field) {
        return switch (field) {
            case "nature" -> " (one of " + ControlRules.names(Nature.class) + ")";
            case "kind" -> " (one of " + ControlRules.names(ControlKind.class) + ")";
            case "frequency" -> " (one of " + ControlRules.names(Frequency.class) + ")";
            case "status" -> " (one of " + ControlRules.names(ImplementationStatus.class) + ")";
            case "ownerId" -> " (a member id)";
            case "criteria", "objectives" -> " (a list of ids)";
            default -> "";
        };
    }

    @PostMapping("/adopt-starter")
    Map<String, Object> adopt(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) Map<String, Object> body) {
        user.require(Permission.CONTROL_WRITE);
        Map<String, UUID> owners = new LinkedHashMap<>();
        Object o = body == null ? null : body.getOrDefault("ownersByRoleTitle", body.get("owners"));
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null || String.valueOf(e.getValue()).isBlank()) {
                    continue;
                }
                try {
                    owners.put(String.valueOf(e.getKey()), UUID.fromString(String.valueOf(e.getValue()).strip()));
                } catch (IllegalArgumentException bad) {
                    throw ApiProblem.invalidField("owners." + e.getKey(), "'" + e.getValue() + "' is not a member id");
                }
            }
        } else if (o != null) {
            throw ApiProblem.invalidField("ownersByRoleTitle", "must map starter owner titles to member ids");
        }
        int added = controls.adoptStarterLibrary(user, owners);
        return Map.of("added", added);
    }

    @GetMapping("/export")
    ResponseEntity<String> export(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "csv") String format) {
        TransferFormat f = TransferFormat.parse(format);
        String body = controls.export(user, f);
        return download(f, body);
    }

    static ResponseEntity<String> download(TransferFormat f, String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(f.mediaType()), StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("controls." + f.extension()).build().toString())
                .body(body);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importMultipart(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String format, @RequestPart("file") MultipartFile file) throws IOException {
        user.require(Permission.CONTROL_WRITE);
        TransferFormat f = format(format, file.getContentType(), file.getOriginalFilename());
        return controls.importFile(user, f, new String(file.getBytes(), StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", "application/yaml", "application/x-yaml", "text/yaml",
            "text/x-yaml", "text/plain", "application/octet-stream"})
    ImportResult importBody(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String format,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, @RequestBody(required = false) byte[] body) {
        user.require(Permission.CONTROL_WRITE);
        TransferFormat f = format(format, contentType, null);
        return controls.importFile(user, f, body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    /** The format: the parameter if given, else from the content type or file name. */
    static TransferFormat format(String param, String contentType, String filename) {
        if (param != null && !param.isBlank()) {
            return TransferFormat.parse(param);
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (ct.contains("csv") || name.endsWith(".csv")) {
            return TransferFormat.CSV;
        }
        if (ct.contains("yaml") || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return TransferFormat.YAML;
        }
        throw ApiProblem.invalidField("format", "cannot tell whether the file is CSV or YAML: add ?format=csv or"
                + " ?format=yaml, or send it as text/csv or application/yaml");
    }
}
