package dev.assayer.engagement;

import java.util.List;

/** A complementary user entity control (DC6): what the customer must do itself, and which criteria it supports. */
public record Cuec(String ref, String description, List<String> relatedCriteria) {

    public Cuec {
        relatedCriteria = relatedCriteria == null ? List.of() : List.copyOf(relatedCriteria);
    }
}
