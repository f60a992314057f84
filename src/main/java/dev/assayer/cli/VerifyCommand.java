package dev.assayer.cli;

import dev.assayer.packaging.verify.CanonicalJson;
import dev.assayer.packaging.verify.Ed25519Keys;
import dev.assayer.packaging.verify.PackageUnreadableException;
import dev.assayer.packaging.verify.PackageVerifier;
import dev.assayer.packaging.verify.Problem;
import dev.assayer.packaging.verify.VerificationResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code assayer verify PACKAGE.zip [--key public-key.pem] [--json]}: checks an evidence package
 * offline (docs/evidence-package.md). Exit 0 when intact, 1 when anything differs (each file named
 * with what differs), 2 when the input is not an evidence package at all.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Verify a signed evidence package offline: the Ed25519 signature over manifest.json and every file's SHA-256.",
        "Exit 0 when intact, 1 when anything differs, 2 when the input is unreadable."})
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PACKAGE.zip", description = "The evidence package.")
    Path zip;

    @Option(names = "--key", paramLabel = "public-key.pem",
            description = "The organization's public key as published in Assayer (Settings → Signing key). "
                    + "Without it the package's own public-key.pem is used and its fingerprint printed for comparison.")
    Path key;

    @Option(names = "--json", description = "Machine-readable JSON output.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PublicKey> pinned = Optional.empty();
        if (key != null) {
            try {
                pinned = Optional.of(PackageVerifier.readKey(key));
            } catch (NoSuchFileException e) {
                return fail(key + ": no such file");
            } catch (IOException | IllegalArgumentException e) {
                return fail(key + ": " + e.getMessage());
            }
        }
        VerificationResult r;
        try {
            r = PackageVerifier.verify(zip, pinned);
        } catch (PackageUnreadableException e) {
            return fail(e.getMessage());
        }
        if (json) {
            out.println(CanonicalJson.writeString(toJson(r)));
        } else {
            print(out, r);
        }
        out.flush();
        return r.intact() ? 0 : 1;
    }

    private void print(PrintWriter out, VerificationResult r) {
        out.println("Package " + zip + (r.organization() == null ? "" : ": " + r.organization()
                + (r.engagement() == null ? "" : ", " + r.engagement())) + (r.generatedAt() == null ? ""
                : ", generated " + r.generatedAt()));
        if (r.fingerprint() != null) {
            out.println("Key " + Ed25519Keys.grouped(r.fingerprint()) + (r.keyPinned() ? " (pinned with --key)"
                    : " (from the package's public-key.pem: compare it with the fingerprint Assayer shows under"
                            + " Settings → Signing key)"));
        }
        if (r.timestamp() != null) {
            out.println("Time-stamped " + r.timestamp().genTime() + (r.timestamp().tsa() == null ? ""
                    : " by " + r.timestamp().tsa()) + " (RFC 3161, serial " + r.timestamp().serialNumber()
                    + "); whether to trust the time-stamp authority's certificate chain is for you to decide.");
        }
        if (r.intact()) {
            out.println("Intact: the signature is valid and all " + r.files() + " entries (" + r.bytes()
                    + " bytes) match the manifest.");
        } else {
            out.println("NOT INTACT: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s") + ":");
            for (Problem p : r.problems()) {
                out.println("  " + p.line());
            }
        }
    }

    private static Map<String, Object> toJson(VerificationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intact", r.intact());
        m.put("fingerprint", r.fingerprint());
        m.put("keyPinned", r.keyPinned());
        m.put("organization", r.organization());
        m.put("engagement", r.engagement());
        m.put("generatedAt", r.generatedAt());
        m.put("entries", r.files());
        m.put("bytes", r.bytes());
        if (r.timestamp() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("genTime", r.timestamp().genTime().toString());
            t.put("tsa", r.timestamp().tsa());
            t.put("serialNumber", r.timestamp().serialNumber());
            m.put("timestamp", t);
        } else {
            m.put("timestamp", null);
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Problem p : r.problems()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("path", p.path());
            pm.put("kind", p.kind().name());
            pm.put("detail", p.detail());
            problems.add(pm);
        }
        m.put("problems", problems);
        return m;
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("assayer verify: " + message);
        err.flush();
        return 2;
    }

    /** {@code assayer verify …} with the launcher's error conventions (used by tests). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("assayer: " + ex.getMessage());
            return 2;
        });
        return cli;
    }
}
