package dev.assayer.notification.internal;

/** A delivery attempt failed; {@code permanent} when trying again cannot help. The message holds no secret. */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
