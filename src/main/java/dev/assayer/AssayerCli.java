package dev.assayer;

import dev.assayer.cli.CheckCommand;
import dev.assayer.cli.ResourcesCommand;
import dev.assayer.cli.SampleCommand;
import dev.assayer.cli.VerifyCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code assayer} command. {@code serve} starts the web application; other subcommands work
 * offline, without a server or database.
 */
@Command(name = "assayer", mixinStandardHelpOptions = true, version = "Assayer 0.1.0",
        description = "Open-source SOC 1 and SOC 2 compliance platform.",
        subcommands = {AssayerCli.Serve.class, SampleCommand.class, ResourcesCommand.class, CheckCommand.class,
                VerifyCommand.class, CommandLine.HelpCommand.class})
public class AssayerCli implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new AssayerCli());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assayer: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'assayer " + (ex.getCommandLine().getCommandName().equals("assayer")
                    ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return 2;
        });
        int code = cli.execute(args);
        if (code != 0 || !Serve.started) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the web UI and API (embedded H2 under --data unless --db-url is given).")
    static class Serve implements Callable<Integer> {

        static volatile boolean started;

        @Option(names = "--data", description = "Data directory for the embedded database and evidence files "
                + "(default: ${DEFAULT-VALUE}).", defaultValue = "./assayer-data")
        Path data;

        @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
        int port;

        @Option(names = "--demo", description = "Load the demo organization into an empty database and print its sign-ins.")
        boolean demo;

        @Option(names = "--db-url", description = "JDBC URL of a PostgreSQL database, e.g. jdbc:postgresql://localhost/assayer.")
        String dbUrl;

        @Option(names = "--db-user", description = "Database user (or SPRING_DATASOURCE_USERNAME).")
        String dbUser;

        @Option(names = "--db-password", description = "Database password (prefer SPRING_DATASOURCE_PASSWORD).")
        String dbPassword;

        @Override
        public Integer call() {
            if (port < 1 || port > 65535) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--port must be between 1 and 65535");
            }
            List<String> args = new ArrayList<>();
            args.add("--assayer.data-dir=" + data.toAbsolutePath().normalize());
            args.add("--server.port=" + port);
            if (demo) {
                args.add("--assayer.demo=true");
            }
            if (dbUrl != null) {
                args.add("--spring.datasource.url=" + dbUrl);
            }
            if (dbUser != null) {
                args.add("--spring.datasource.username=" + dbUser);
            }
            if (dbPassword != null) {
                args.add("--spring.datasource.password=" + dbPassword);
            }
            started = true;
            SpringApplication.run(AssayerApplication.class, args.toArray(String[]::new));
            return 0;
        }
    }
}
