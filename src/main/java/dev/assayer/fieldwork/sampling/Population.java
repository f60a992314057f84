package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A population file (CSV with a header row, or JSONL) read in streaming passes with memory that
 * does not depend on the number of rows. {@link #scan} is the single pass over all bytes: SHA-256
 * of the raw file, the number of rows, a bounded set of checkpoints (byte offsets of every
 * stride-th row, at most {@value #MAX_CHECKPOINTS}), and per-quarter row counts when a date column
 * is given. {@link #keys} then reads only the stretches of the file holding the wanted rows.
 */
public final class Population {

    /** File formats. */
    public enum Format {
        CSV, JSONL;

        /** JSONL for {@code .jsonl} / {@code .ndjson} files, CSV otherwise. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? JSONL : CSV;
        }
    }

    static final int MAX_CHECKPOINTS = 4096;
    private static final int BUFFER = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Format format;
    private final String keyColumn;
    private final String dateColumn;
    private final String sha256;
    private final long rows;
    private final int keyIndex;
    private final int dateIndex;
    private final long headerEnd;
    private final long headerLines;
    private final long[] checkpoints;
    private final int checkpointCount;
    private final long stride;
    private final SortedMap<String, Long> quarterCounts;

    private Population(Path file, Format format, String keyColumn, String dateColumn, String sha256, long rows,
            int keyIndex, int dateIndex, long headerEnd, long headerLines, long[] checkpoints, int checkpointCount,
            long stride, SortedMap<String, Long> quarterCounts) {
        this.file = file;
        this.format = format;
        this.keyColumn = keyColumn;
        this.dateColumn = dateColumn;
        this.sha256 = sha256;
        this.rows = rows;
        this.keyIndex = keyIndex;
        this.dateIndex = dateIndex;
        this.headerEnd = headerEnd;
        this.headerLines = headerLines;
        this.checkpoints = checkpoints;
        this.checkpointCount = checkpointCount;
        this.stride = stride;
        this.quarterCounts = quarterCounts;
    }

    public Path file() {
        return file;
    }

    public Format format() {
        return format;
    }

    /** The key column asked for, or null for "the first column / property". */
    public String keyColumn() {
        return keyColumn;
    }

    /** The date column used to spread the sample, or null. */
    public String dateColumn() {
        return dateColumn;
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** Number of data rows (CSV: not counting the header). */
    public long rows() {
        return rows;
    }

    /** Number of checkpoints held (never more than {@value #MAX_CHECKPOINTS}, whatever the row count). */
    int checkpointCount() {
        return checkpointCount;
    }

    /** Rows per calendar quarter ("2025-Q1" → count), when scanned with a date column. */
    public SortedMap<String, Long> quarterCounts() {
        return quarterCounts;
    }

    /**
     * The one full pass: hash, count, checkpoints (and quarter counts when {@code dateColumn} is
     * given).
     *
     * @param keyColumn the column (CSV header name) or property (JSONL) that identifies a row; null
     *     for the first column / first property
     * @param dateColumn a column holding dates (YYYY-MM-DD…) to spread by quarter, or null
     */
    public static Population scan(Path file, Format format, String keyColumn, String dateColumn) throws IOException {
        MessageDigest digest = sha256Digest();
        boolean csv = format == Format.CSV;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int keyIndex = -1;
            int dateIndex = -1;
            long headerEnd = 0;
            long headerLines = 0;
            ByteSource src = new ByteSource(ch, 0, csv && dateColumn == null ? 64 * 1024 : BUFFER,
                    csv && dateColumn == null ? null : digest);
            if (csv) {
                RecordReader header = new RecordReader(src, true, file.toString(), 1);
                List<String> names = header.next();
                if (names == null) {
                    throw new PopulationException(file + ": line 1: the file is empty; a CSV population needs a header row");
                }
                if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                    names.set(0, names.get(0).substring(1));
                }
                keyIndex = keyColumn == null ? 0 : columnIndex(file, names, keyColumn, "key");
                dateIndex = dateColumn == null ? -1 : columnIndex(file, names, dateColumn, "date");
                headerEnd = src.offset();
                headerLines = countLines(header);
            }
            Counter counter = new Counter();
            SortedMap<String, Long> quarters = new TreeMap<>();
            if (dateColumn == null) {
                if (headerEnd > 0) {
                    hashRange(ch, 0, headerEnd, digest);
                }
                fastCount(ch, headerEnd, digest, csv, counter, file);
            } else {
                RecordReader reader = new RecordReader(src, csv, file.toString(), headerLines + 1);
                long nextStart = headerEnd;
                List<String> rec;
                while ((rec = reader.next()) != null) {
                    counter.record(nextStart);
                    nextStart = reader.offset();
                    String q = quarter(file, dateColumn, dateValue(file, format, rec, dateIndex, dateColumn, reader.recordLine()), reader.recordLine());
                    quarters.merge(q, 1L, Long::sum);
                }
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            return new Population(file, format, keyColumn, dateColumn, hex, counter.rows, keyIndex, dateIndex,
                    headerEnd, headerLines, counter.checkpoints, counter.count, counter.stride, quarters);
        }
    }

    private static long countLines(RecordReader header) {
        return header.line() - 1; // physical lines consumed by the header
    }

    private static void hashRange(FileChannel ch, long from, long to, MessageDigest digest) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(BUFFER, to - from));
        long pos = from;
        while (pos < to) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), to - pos));
            int n = ch.read(b, pos);
            if (n < 0) {
                break;
            }
            digest.update(b.array(), 0, b.position());
            pos += b.position();
        }
    }

    /** Checkpoints at row 1, 1 + stride, 1 + 2·stride, …; the stride doubles when the array is full. */
    private static final class Counter {
        long rows;
        long stride = 1;
        long[] checkpoints = new long[MAX_CHECKPOINTS];
        int count;

        /** A data row starts at (or after blank lines from) {@code start}. */
        void record(long start) {
            if (rows % stride == 0) {
                if (count == checkpoints.length) {
                    for (int i = 0; i < count / 2; i++) {
                        checkpoints[i] = checkpoints[2 * i];
                    }
                    count /= 2;
                    stride *= 2;
                }
                if (rows % stride == 0) {
                    checkpoints[count++] = start;
                }
            }
            rows++;
        }
    }

    /**
     * The hot loop: quote-aware newline counting over the raw bytes from {@code start}, while a
     * second thread hashes the same buffers in order (the bytes before {@code start} were hashed by
     * {@code header}).
     */
    private static void fastCount(FileChannel ch, long start, MessageDigest digest, boolean csv, Counter counter,
            Path file) throws IOException {
        final int slots = 4;
        byte[][] buffers = new byte[slots][BUFFER];
        int[] lengths = new int[slots];
        java.util.concurrent.Future<?>[] hashed = new java.util.concurrent.Future<?>[slots];
        java.util.concurrent.ExecutorService hasher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "population-sha256");
            t.setDaemon(true);
            return t;
        });
        try {
            ChunkScanner scan = new ChunkScanner(csv, counter, start);
            long offset = start;
            for (int slot = 0; ; slot = (slot + 1) % slots) {
                if (hashed[slot] != null) {
                    await(hashed[slot]);
                }
                byte[] a = buffers[slot];
                ByteBuffer bb = ByteBuffer.wrap(a);
                int n;
                while (bb.hasRemaining() && (n = ch.read(bb, offset + bb.position())) >= 0) {
                    if (n == 0 && bb.position() > 0) {
                        break;
                    }
                }
                int len = bb.position();
                if (len == 0) {
                    break;
                }
                lengths[slot] = len;
                final int s = slot;
                hashed[slot] = hasher.submit(() -> digest.update(buffers[s], 0, lengths[s]));
                scan.chunk(a, len, offset);
                offset += len;
            }
            for (java.util.concurrent.Future<?> f : hashed) {
                if (f != null) {
                    await(f);
                }
            }
            if (scan.inQuote) {
                throw new PopulationException(file + ": row " + (counter.rows + 1) + ": the file ends inside a quoted field");
            }
            if (scan.nonEmpty) {
                counter.record(scan.recordStart);
            }
        } finally {
            hasher.shutdownNow();
        }
    }

    /** Record boundaries across chunks; a small method per chunk so that the JIT compiles it early. */
    private static final class ChunkScanner {
        private final boolean csv;
        private final Counter counter;
        boolean inQuote;
        boolean nonEmpty;
        long recordStart;

        ChunkScanner(boolean csv, Counter counter, long start) {
            this.csv = csv;
            this.counter = counter;
            this.recordStart = start;
        }

        void chunk(byte[] a, int len, long offset) {
            boolean q = inQuote;
            boolean ne = nonEmpty;
            for (int i = 0; i < len; i++) {
                byte b = a[i];
                if (b > '"') {
                    ne = true;
                } else if (b == '\n') {
                    if (!q) {
                        if (ne) {
                            counter.record(recordStart);
                            ne = false;
                        }
                        recordStart = offset + i + 1;
                    }
                } else if (b != '\r') {
                    ne = true;
                    if (b == '"' && csv) {
                        q = !q;
                    }
                }
            }
            inQuote = q;
            nonEmpty = ne;
        }
    }

    private static void await(java.util.concurrent.Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("hashing failed", e.getCause());
        }
    }

    /**
     * The key of each wanted row (1-based), reading only from the checkpoint before each wanted row
     * to that row.
     */
    public Map<Long, String> keys(SortedSet<Long> wanted) throws IOException {
        Map<Long, String> keys = new HashMap<>();
        if (wanted.isEmpty()) {
            return keys;
        }
        if (wanted.first() < 1 || wanted.last() > rows) {
            throw new IllegalArgumentException("rows must be between 1 and " + rows);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            RecordReader reader = null;
            long current = 0; // the row number the reader will return next
            for (long row : wanted) {
                int cp = (int) Math.min((row - 1) / stride, checkpointCount - 1);
                long cpRow = cp * stride + 1;
                if (reader == null || current > row || cpRow > current) {
                    reader = new RecordReader(new ByteSource(ch, checkpoints[cp], 64 * 1024, null), format == Format.CSV,
                            file.toString(), 0);
                    current = cpRow;
                }
                List<String> rec = null;
                while (current <= row) {
                    rec = reader.next();
                    current++;
                }
                keys.put(row, keyOf(rec, row));
            }
        }
        return keys;
    }

    /**
     * Maps ranks within quarters (0-based, in file order) to row numbers, in one streaming pass.
     * {@code wanted} is quarter → sorted ranks.
     */
    public Map<String, Map<Long, Long>> rowsByQuarterRank(Map<String, SortedSet<Long>> wanted) throws IOException {
        Map<String, Map<Long, Long>> out = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            RecordReader reader = new RecordReader(new ByteSource(ch, headerEnd, BUFFER, null), format == Format.CSV,
                    file.toString(), headerLines + 1);
            long row = 0;
            List<String> rec;
            while ((rec = reader.next()) != null) {
                row++;
                String q = quarter(file, dateColumn, dateValue(file, format, rec, dateIndex, dateColumn, reader.recordLine()), reader.recordLine());
                long rank = seen.merge(q, 1L, Long::sum) - 1;
                SortedSet<Long> ranks = wanted.get(q);
                if (ranks != null && ranks.contains(rank)) {
                    out.computeIfAbsent(q, k -> new HashMap<>()).put(rank, row);
                }
            }
        }
        return out;
    }

    private String keyOf(List<String> rec, long row) {
        if (format == Format.CSV) {
            return keyIndex < rec.size() ? rec.get(keyIndex) : "";
        }
        JsonNode node = parseJson(file, rec.get(0), "row " + row);
        JsonNode value = keyColumn == null ? firstProperty(node) : node.get(keyColumn);
        if (value == null) {
            throw new PopulationException(file + ": row " + row + ": no property \"" + keyColumn + "\"");
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static JsonNode firstProperty(JsonNode node) {
        for (String name : node.propertyNames()) {
            return node.get(name);
        }
        return null;
    }

    private static JsonNode parseJson(Path file, String line, String where) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new PopulationException(file + ": " + where + ": each line must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new PopulationException(file + ": " + where + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String dateValue(Path file, Format format, List<String> rec, int index, String column, long line) {
        if (format == Format.CSV) {
            if (index >= rec.size()) {
                throw new PopulationException(file + ": line " + line + ": no value in date column \"" + column + "\"");
            }
            return rec.get(index);
        }
        JsonNode v = parseJson(file, rec.get(0), "line " + line).get(column);
        if (v == null || !v.isValueNode()) {
            throw new PopulationException(file + ": line " + line + ": no date property \"" + column + "\"");
        }
        return v.asString();
    }

    private static String quarter(Path file, String dateColumn, String value, long line) {
        String v = value.strip();
        try {
            LocalDate d = LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
            return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
        } catch (DateTimeParseException e) {
            throw new PopulationException(file + ": line " + line + ": \"" + value + "\" in column \"" + dateColumn
                    + "\" is not a date (expected YYYY-MM-DD)");
        }
    }

    private static int columnIndex(Path file, List<String> names, String column, String what) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new PopulationException(file + ": line 1: no " + what + " column \"" + column + "\" in the header "
                    + names);
        }
        return i;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    @Override
    public String toString() {
        return file + " (" + format + ", " + rows + " rows, sha256 " + sha256 + ", checkpoints " + Arrays.toString(
                Arrays.copyOf(checkpoints, Math.min(3, checkpointCount))) + "…)";
    }
}
