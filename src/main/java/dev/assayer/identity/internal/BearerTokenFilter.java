package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer asy_…} → the token's user in the token's organization, or 401. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final IdentityService identity;
    private final ProblemWriter problems;

    BearerTokenFilter(IdentityService identity, ProblemWriter problems) {
        this.identity = identity;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String header = req.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var user = identity.authenticateToken(header.substring(7).trim());
            if (user.isEmpty()) {
                problems.write(req, res, 401, "Unauthorized", "The API token is unknown or was revoked");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(SecurityConfig.authentication(user.get()));
            SecurityContextHolder.setContext(context);
        }
        try {
            chain.doFilter(req, res);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
