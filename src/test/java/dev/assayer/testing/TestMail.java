package dev.assayer.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The SMTP server every test context sends e-mail to: one in-process GreenMail per JVM, started on
 * first use on a free port, so tests that check e-mail share the common application context instead
 * of paying for one of their own. It keeps every message; a test picks out its own (e.g. by its
 * organization's name in the subject).
 */
public final class TestMail {

    private static GreenMail smtp;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (smtp == null) {
            GreenMail started = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-mail-stop"));
            smtp = started;
        }
        return smtp;
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> server().getSmtp().getPort());
    }
}
