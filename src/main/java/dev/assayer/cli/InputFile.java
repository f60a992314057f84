package dev.assayer.cli;

import dev.assayer.monitoring.ingest.FormatOptions;
import dev.assayer.monitoring.ingest.InputProblem;
import dev.assayer.monitoring.ingest.Resource;
import dev.assayer.monitoring.ingest.ResourceFormat;
import dev.assayer.monitoring.ingest.ResourceFormats;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** An input file of {@code resources show} and {@code check run}: its format (named or detected) and a streamed read. */
final class InputFile {

    private static final int HEAD = 64 * 1024;

    final Path path;
    final String name;
    final ResourceFormat format;

    private InputFile(Path path, ResourceFormat format) {
        this.path = path;
        this.name = path.toString();
        this.format = format;
    }

    /** Opens {@code path} and picks its format: {@code formatName} if given, else detection. */
    static InputFile open(Path path, String formatName) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new InputProblem(name, 0, 0, "is a directory, not a file");
        }
        if (formatName != null) {
            ResourceFormat f = ResourceFormats.named(formatName).orElseThrow(() -> new InputProblem(name, 0, 0,
                    "unknown format '" + formatName + "'; known formats: "
                            + ResourceFormats.all().stream().map(ResourceFormat::name).collect(Collectors.joining(", "))));
            checkReadable(path);
            return new InputFile(path, f);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw problem(path, e);
        }
        if (head.length == 0) {
            throw new InputProblem(name, 0, 0, "file is empty; name its format with --format if that is expected");
        }
        return new InputFile(path, ResourceFormats.detect(name, head));
    }

    private static void checkReadable(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            in.read();
        } catch (IOException e) {
            throw problem(path, e);
        }
    }

    /** Streams the resources to {@code sink}; returns the SHA-256 of the bytes read. */
    String read(FormatOptions options, Consumer<Resource> sink) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream raw = Files.newInputStream(path);
                DigestInputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha)) {
            // readers may close what they are given; the rest is drained here so the digest covers the whole file
            format.read(name, new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                }
            }, options, sink);
            byte[] rest = new byte[1 << 16];
            while (in.read(rest) >= 0) {
                // hash what the reader did not need (trailing whitespace)
            }
        } catch (IOException e) {
            throw problem(path, e);
        } catch (UncheckedIOException e) {
            throw problem(path, e.getCause());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static InputProblem problem(Path path, IOException e) {
        String name = path.toString();
        if (e instanceof NoSuchFileException) {
            return new InputProblem(name, 0, 0, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new InputProblem(name, 0, 0, "permission denied");
        }
        return new InputProblem(name, 0, 0, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    static FormatOptions options(java.time.Instant at, String type, String idField, Map<String, String> fields) {
        return new FormatOptions(at, type, idField, fields);
    }
}
