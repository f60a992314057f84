package dev.assayer.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sample selected in the app from a stored population version: everything needed to re-derive it
 * ({@code populationSha256}, {@code seed}, {@code method}, {@code size}) and the items, in row order.
 * Extensions after a deviation add items (with {@code extension = true}) and never change earlier ones.
 */
public record Sample(UUID id, UUID engagementId, UUID populationId, int populationVersion, String populationSha256,
        String method, String seed, int size, List<SampleItem> items, String justification, String selectedBy,
        Instant selectedAt) {

    public Sample {
        items = List.copyOf(items);
    }
}
