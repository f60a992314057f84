package dev.assayer.identity.internal;

import dev.assayer.identity.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On an empty database: creates the admin named by ASSAYER_ADMIN_EMAIL/ASSAYER_ADMIN_PASSWORD, or
 * prints a one-time setup link. Runs after the demo loader, which creates its own sign-ins.
 * There is no default password anywhere.
 */
@Component
@Order(100)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final IdentityService identity;
    private final String email;
    private final String password;
    private final String name;
    private final String org;
    private final String baseUrl;

    FirstStart(IdentityService identity, @Value("${assayer.admin.email:}") String email,
            @Value("${assayer.admin.password:}") String password, @Value("${assayer.admin.name:Administrator}") String name,
            @Value("${assayer.org:My Organization}") String org, @Value("${assayer.base-url}") String baseUrl) {
        this.identity = identity;
        this.email = email;
        this.password = password;
        this.name = name;
        this.org = org;
        this.baseUrl = baseUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.hasUsers()) {
            return;
        }
        if (!email.isBlank() && !password.isBlank()) {
            identity.createOrganizationWithAdmin(org.isBlank() ? "My Organization" : org, email, name, password);
            System.out.println("Assayer: created admin " + email + " for organization '" + org + "'.");
            return;
        }
        if (!email.isBlank() || !password.isBlank()) {
            log.warn("Only one of ASSAYER_ADMIN_EMAIL and ASSAYER_ADMIN_PASSWORD is set; both are needed.");
        }
        String token = identity.createSetupLink();
        System.out.println();
        System.out.println("Assayer has no users yet. Open this one-time link (valid 24 hours) to create the first admin:");
        System.out.println("  " + baseUrl + "/setup?token=" + token);
        System.out.println();
    }
}
