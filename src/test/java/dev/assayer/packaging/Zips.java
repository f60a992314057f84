package dev.assayer.packaging;

import dev.assayer.cli.VerifyCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helpers: a ZIP as an ordered map of entries, re-zipping after tampering, and the verify CLI in process. */
final class Zips {

    private Zips() {
    }

    static Map<String, byte[]> read(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** Writes entries (name, bytes) in order, DEFLATED, as any zip tool would. Duplicates allowed. */
    static byte[] write(List<Map.Entry<String, byte[]>> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] write(Map<String, byte[]> entries) throws IOException {
        return write(new ArrayList<>(entries.entrySet()));
    }

    static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x01;
        return c;
    }

    record Run(int code, String out, String err) {
    }

    static Run verify(Path zip, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = zip.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        var cli = VerifyCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run verify(Path dir, byte[] zip, String... options) throws IOException {
        Path f = Files.createTempFile(dir, "pkg", ".zip");
        Files.write(f, zip);
        return verify(f, options);
    }
}
