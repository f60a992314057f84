package dev.assayer.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.View;
import tools.jackson.databind.json.JsonMapper;

/** Writes an RFC 9457 problem document; used so one exception handler serves API and UI alike. */
final class ProblemJsonView implements View {

    private final JsonMapper json;
    private final Map<String, Object> body;

    ProblemJsonView(JsonMapper json, Map<String, Object> body) {
        this.json = json;
        this.body = body;
    }

    @Override
    public String getContentType() {
        return "application/problem+json";
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
        response.setStatus((Integer) body.get("status"));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
