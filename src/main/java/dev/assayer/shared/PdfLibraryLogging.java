package dev.assayer.shared;

import com.openhtmltopdf.util.XRLog;
import java.util.logging.Level;
import org.springframework.stereotype.Component;

/**
 * openhtmltopdf logs through its own console logger at INFO (stylesheet timings, font loading) on
 * every PDF rendered — dozens of lines each time the demo renders its policies. Warnings and errors
 * still show; PDFBox's font-substitution notes are silenced in application.properties.
 */
@Component
class PdfLibraryLogging {

    PdfLibraryLogging() {
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }
}
