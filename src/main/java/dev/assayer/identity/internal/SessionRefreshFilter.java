package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the signed-in user's membership on every UI request, so that a role change takes
 * effect at once and a removed member loses access at once, not when the session expires.
 */
class SessionRefreshFilter extends OncePerRequestFilter {

    private final IdentityService identity;

    SessionRefreshFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            Optional<CurrentUser> fresh = identity.refresh(user);
            if (fresh.isEmpty()) {
                SecurityContextHolder.clearContext();
                var session = req.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                res.sendRedirect(req.getContextPath() + "/login?removed");
                return;
            }
            if (!fresh.get().equals(user)) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(SecurityConfig.authentication(fresh.get()));
                SecurityContextHolder.setContext(context);
                req.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        chain.doFilter(req, res);
    }
}
