package dev.assayer.shared.web;

import dev.assayer.shared.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into something a person can act on: RFC 9457 problem+json under /api,
 * the error page in the UI. Internal errors are logged with an id that the response names; the
 * stack trace never leaves the server.
 */
@ControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final JsonMapper json;
    private final long maxUploadBytes;

    public ProblemHandler(JsonMapper json,
            @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-file-size:512MB}")
            org.springframework.util.unit.DataSize maxUpload) {
        this.json = json;
        this.maxUploadBytes = maxUpload.toBytes();
    }

    @ExceptionHandler(ApiProblem.class)
    public ModelAndView apiProblem(ApiProblem p, HttpServletRequest request) {
        return render(request, p.status(), p.title(), p.getMessage(), p.errors());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ModelAndView invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(fe -> errors.add(new ApiProblem.FieldError(fe.getField(), fe.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new ApiProblem.FieldError(ge.getObjectName(), ge.getDefaultMessage())));
        String detail = errors.isEmpty() ? "The request is invalid"
                : errors.stream().map(x -> x.field() + ": " + x.message()).reduce((a, b) -> a + "; " + b).orElse("");
        return render(request, 400, "Invalid request", detail, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ModelAndView unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException je) {
            String field = fieldPath(je);
            String reason = je.getOriginalMessage();
            if (reason != null && reason.length() > 200) {
                reason = reason.substring(0, 200) + "…";
            }
            String where = je.getLocation() == null ? "" : " (line " + je.getLocation().getLineNr() + ", column "
                    + je.getLocation().getColumnNr() + ")";
            if (field.isEmpty()) {
                return render(request, 400, "Malformed JSON", "The request body is not valid JSON" + where + ": " + reason,
                        List.of(new ApiProblem.FieldError("body", reason)));
            }
            return render(request, 400, "Invalid request", field + ": " + reason + where,
                    List.of(new ApiProblem.FieldError(field, reason)));
        }
        return render(request, 400, "Malformed request", "The request body could not be read: it must be JSON",
                List.of(new ApiProblem.FieldError("body", "missing or unreadable")));
    }

    private static String fieldPath(JacksonException je) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : je.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * Two people created records at the same moment and both were given the same reference
     * (F-007, PBC-012): the second insert lost the race and wrote nothing. Safe to repeat.
     */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    public ModelAndView duplicate(org.springframework.dao.DuplicateKeyException e, HttpServletRequest request) {
        return render(request, 409, "Conflict",
                "Someone else saved a record with the same reference at the same moment; nothing was saved — please try again",
                List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ModelAndView tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        String limit = org.springframework.util.unit.DataSize.ofBytes(maxUploadBytes).toMegabytes() + " MB";
        return render(request, 413, "Upload too large",
                "The upload exceeds the size limit of " + limit + " (assayer.upload.max-size); nothing was stored",
                List.of(new ApiProblem.FieldError("file", "larger than " + limit)));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    public ModelAndView missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return render(request, 400, "Invalid request", "The multipart part '" + e.getRequestPartName() + "' is required",
                List.of(new ApiProblem.FieldError(e.getRequestPartName(), "required")));
    }

    @ExceptionHandler(MultipartException.class)
    public ModelAndView multipart(MultipartException e, HttpServletRequest request) {
        return render(request, 400, "Invalid upload",
                "The upload could not be read (it may have been interrupted); nothing was stored", List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ModelAndView missingParam(MissingServletRequestParameterException e, HttpServletRequest request) {
        return render(request, 400, "Invalid request", "The parameter '" + e.getParameterName() + "' is required",
                List.of(new ApiProblem.FieldError(e.getParameterName(), "required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ModelAndView mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return render(request, 400, "Invalid request",
                e.getName() + ": '" + e.getValue() + "' is not a valid value",
                List.of(new ApiProblem.FieldError(e.getName(), "not a valid value")));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ModelAndView denied(AccessDeniedException e, HttpServletRequest request) {
        return render(request, 403, "Forbidden", "Your role does not allow this", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ModelAndView noResource(NoResourceFoundException e, HttpServletRequest request) {
        return render(request, 404, "Not found", "No such page or endpoint: " + request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ModelAndView method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return render(request, 405, "Method not allowed", e.getMethod() + " is not supported here", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ModelAndView mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return render(request, 415, "Unsupported media type",
                "Content type " + e.getContentType() + " is not supported here; supported: " + e.getSupportedMediaTypes(),
                List.of());
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView unexpected(Exception e, HttpServletRequest request) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
        return render(request, 500, "Internal error",
                "Something went wrong on the server (error id " + id + "); nothing was changed by this request", List.of());
    }

    private ModelAndView render(HttpServletRequest request, int status, String title, String detail,
            List<ApiProblem.FieldError> errors) {
        if (isApi(request)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", title);
            body.put("status", status);
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
            if (!errors.isEmpty()) {
                body.put("field", errors.getFirst().field());
                body.put("errors", errors.stream().map(ProblemHandler::errorMap).toList());
            }
            return new ModelAndView(new ProblemJsonView(json, body), Map.of());
        }
        ModelAndView mav = new ModelAndView("error");
        mav.setStatus(HttpStatus.valueOf(status));
        mav.addObject("status", status);
        mav.addObject("error", title);
        mav.addObject("message", detail);
        mav.addObject("errors", errors);
        return mav;
    }

    private static Map<String, Object> errorMap(ApiProblem.FieldError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", e.field());
        m.put("message", e.message());
        if (e.line() != null) {
            m.put("line", e.line());
        }
        return m;
    }

    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return uri.startsWith("/api/");
    }
}
