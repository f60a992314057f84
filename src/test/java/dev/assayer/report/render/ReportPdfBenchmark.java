package dev.assayer.report.render;

import dev.assayer.report.ReportDocument;
import dev.assayer.report.internal.render.ReportRenderer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;

/**
 * Renders the Type II report of {@link SampleReports#large} (default 150 controls × 25 samples) to
 * PDF in a fresh JVM: the first (cold) render, then warm renders, each with wall time and the
 * rendering thread's CPU time, and the peak heap of the whole run. Run by bench/report-pdf.sh.
 * Usage: ReportPdfBenchmark [controls] [samples] [warm runs] [output.pdf]
 */
public final class ReportPdfBenchmark {

    private ReportPdfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int controls = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int warm = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path file = Path.of(args.length > 3 ? args[3] : "/tmp/report-benchmark.pdf");
        ReportDocument doc = SampleReports.large(controls, samples);
        ReportRenderer renderer = new ReportRenderer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("report: %d controls × %d samples (%d Section IV table rows)%n", controls, samples,
                controls * (samples + 1));
        for (int run = 0; run <= warm; run++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                renderer.pdf(doc, out);
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            long thread = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
            System.out.printf("%s render: %d ms wall, %d ms CPU of the rendering thread%n", run == 0 ? "cold" : "warm",
                    wall, thread);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        try (var pdf = Loader.loadPDF(file.toFile())) {
            System.out.printf("output: %s, %d pages, %d bytes%n", file, pdf.getNumberOfPages(), Files.size(file));
        }
        System.out.printf("peak heap (sum of heap pools' peaks): %d MB; max heap %d MB%n", peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
