package dev.assayer.shared;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for background work whose outcome is recorded elsewhere (a job or import record). */
public final class Futures {

    private Futures() {
    }

    /**
     * Blocks until {@code f} is done (at once when it is null or done). A failure is not rethrown:
     * the caller reads what happened from the record the work wrote. An interrupt is kept.
     */
    public static void awaitQuietly(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the record says why
        }
    }
}
