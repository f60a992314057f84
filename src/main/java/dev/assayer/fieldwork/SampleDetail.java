package dev.assayer.fieldwork;

import java.util.List;

/**
 * A sample with what is needed to re-derive it offline: the population it came from, the size first
 * selected, the extensions, the selection document ({@code selectionJson}, byte for byte what
 * {@code assayer sample select --json} prints for the same file and options) and the equivalent
 * command line ({@code command}; the population file is named by its download name).
 */
public record SampleDetail(Sample sample, String populationName, String populationFilename, long populationRows,
        String keyColumn, String spreadBy, int originalSize, List<SampleExtension> extensions, String selectionJson,
        String command) {

    public SampleDetail {
        extensions = List.copyOf(extensions);
    }
}
