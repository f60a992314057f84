/**
 * Offline subcommands of the {@code assayer} command line that need no server or database, such
 * as {@code assayer sample …} (sample sizes, upper deviation limits, reproducible selection).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line",
        allowedDependencies = {"fieldwork :: sampling", "monitoring :: ingest", "monitoring :: checks",
                "packaging :: verify"})
package dev.assayer.cli;
