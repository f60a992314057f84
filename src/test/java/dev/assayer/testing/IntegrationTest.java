package dev.assayer.testing;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that run the application against a database. Tagged {@code persistence}: the
 * build runs them on H2 and again on PostgreSQL. All subclasses share one application context
 * (and database) per database kind, so a test creates its own organization and never assumes an
 * empty database; {@link TestFixtures} makes that one line. E-mail goes to {@link TestMail}.
 */
@Tag("persistence")
@SpringBootTest(properties = {"assayer.security.bcrypt-strength=4", "logging.level.root=WARN",
        // notifications: the outbox is sent only when a test calls deliverDue, webhooks may go to local stubs
        "assayer.notifications.tick=PT24H", "assayer.notifications.allow-private-webhooks=true"})
@AutoConfigureMockMvc
public abstract class IntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestMail.register(registry);
    }
}
