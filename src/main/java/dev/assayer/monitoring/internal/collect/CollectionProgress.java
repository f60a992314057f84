package dev.assayer.monitoring.internal.collect;

import java.time.Duration;

/**
 * What a collection reports while it runs: each answered request (a page), each item written to a
 * document, what it is doing now, and waits for a rate limit. Implementations must be cheap: they
 * are called once per request and once per item.
 */
public interface CollectionProgress {

    /** One request answered (a page, an object, a report). */
    void page();

    /** {@code n} more items (repositories, users, events, configuration items) written to the documents. */
    void items(long n);

    /** What the collection is doing now, e.g. "Reading pull requests of acme/api". Never a credential. */
    void phase(String text);

    /** The collection waits {@code d} because of a rate limit or throttling ({@code why}, shown as the phase). */
    default void waiting(Duration d, String why) {
        phase("Waiting " + seconds(d) + " for " + why);
    }

    /** Called between slices of a long wait, so the job shows it is alive. */
    default void heartbeat() {
    }

    CollectionProgress NONE = new CollectionProgress() {
        @Override
        public void page() {
        }

        @Override
        public void items(long n) {
        }

        @Override
        public void phase(String text) {
        }
    };

    static String seconds(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 120 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
