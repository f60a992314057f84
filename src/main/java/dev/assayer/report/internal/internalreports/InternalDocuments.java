package dev.assayer.report.internal.internalreports;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.ReportDocument.Section;
import java.util.List;

/** The frame shared by the internal reports rendered through the report renderer. */
final class InternalDocuments {

    private InternalDocuments() {
    }

    static ReportDocument document(InternalFacts f, String title, List<Section> sections) {
        String header = f.organization() + " · " + title + " · " + f.engagement().name();
        return new ReportDocument(title, f.engagementLine(), f.organization(), header,
                "Internal report: for " + f.organization() + "'s own use; not examined by a service auditor",
                f.generatedAt(), "Generated " + f.today(), sections);
    }
}
