package dev.assayer.fieldwork;

import java.util.List;

/** The outcome of a CSV import: every request it created, in file order. */
public record RequestImportResult(int created, List<InformationRequest> requests) {
}
