package dev.assayer.catalog.internal;

import dev.assayer.catalog.Criterion;
import dev.assayer.catalog.Framework;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the framework data files at startup (before anything can ask for criteria), writes the
 * changed ones to the database and keeps an in-memory snapshot. An invalid file fails startup with
 * {@link InvalidFrameworkFileException}, which names the file and the problems.
 */
@Component
public class FrameworkCatalog implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FrameworkCatalog.class);

    private final FrameworkStore store;
    private final TransactionTemplate tx;
    private volatile CatalogSnapshot snapshot;

    FrameworkCatalog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.store = new FrameworkStore(jdbc);
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void afterPropertiesSet() {
        long start = System.nanoTime();
        List<FrameworkDefinition> files = FrameworkFiles.load(getClass().getClassLoader());
        snapshot = tx.execute(s -> {
            for (FrameworkDefinition def : files) {
                if (store.sync(def)) {
                    log.info("Loaded framework {} revision {} ({} criteria) from {}", def.key(), def.revision(),
                            def.criteria().size(), def.source());
                }
            }
            return store.read();
        });
        log.debug("Framework catalog ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    public List<Framework> frameworks() {
        return snapshot.frameworks();
    }

    public List<Criterion> criteria(String key) {
        return snapshot.criteria(key);
    }
}
