package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import dev.assayer.shared.tenancy.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two doors: the JSON API takes only bearer tokens (stateless, no cookies, so no CSRF), the UI
 * takes a session cookie from the sign-in form and requires a CSRF token on every change.
 */
@Configuration
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${assayer.security.bcrypt-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    /** The authenticated principal is always a {@link CurrentUser}; authorities mirror the role. */
    public static UsernamePasswordAuthenticationToken authentication(CurrentUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, IdentityService identity, ProblemWriter problems) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .addFilterBefore(new BearerTokenFilter(identity, problems), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "Unauthorized",
                                "Send 'Authorization: Bearer <token>'; get a token from POST /api/v1/auth/tokens"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, 403, "Forbidden",
                                "Your role does not allow this")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/tokens").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/openapi.json", "/api/v1/openapi.yaml").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, IdentityService identity)
            throws Exception {
        // the AuthenticationProvider bean below is the global one; registering it here as well
        // would run every sign-in attempt twice (and count each failure twice)
        http.addFilterAfter(new SessionRefreshFilter(identity),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler((req, res, ex) -> {
                    String reason = ex instanceof LockedException ? "locked" : "bad";
                    res.sendRedirect(req.getContextPath() + "/login?error=" + reason);
                }).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                        + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) ->
                        res.sendError(HttpServletResponse.SC_FORBIDDEN, "Your role does not allow this")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/setup", "/invite", "/css/**", "/js/**", "/webjars/**",
                                "/favicon.svg", "/error").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Form sign-in through {@link IdentityService#signIn}, which applies the lockout backoff. */
    @Bean
    AuthenticationProvider formSignIn(IdentityService identity) {
        return new AuthenticationProvider() {
            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication auth) {
                try {
                    return authentication(identity.signIn(auth.getName(), String.valueOf(auth.getCredentials()), null));
                } catch (IdentityService.SignInException e) {
                    if (e.failure() == IdentityService.SignInFailure.LOCKED) {
                        throw new LockedException(e.getMessage());
                    }
                    throw new BadCredentialsException(e.getMessage());
                }
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
