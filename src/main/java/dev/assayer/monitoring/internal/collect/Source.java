package dev.assayer.monitoring.internal.collect;

import java.nio.file.Path;
import java.util.List;

/** One collector's reading of its system: writes its documents under {@code dir}, in import order. */
interface Source {
    List<CollectedDocument> collect(Path dir);
}
