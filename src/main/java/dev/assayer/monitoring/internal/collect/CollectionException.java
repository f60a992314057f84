package dev.assayer.monitoring.internal.collect;

/**
 * A collection could not finish: the message names the collector, the request and the HTTP status
 * (or the network failure) in words an administrator can act on. It never contains a credential.
 */
public class CollectionException extends RuntimeException {

    public CollectionException(String message) {
        super(message);
    }
}
