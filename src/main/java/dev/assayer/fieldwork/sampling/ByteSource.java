package dev.assayer.fieldwork.sampling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/** Buffered bytes from a file channel, from a given offset, optionally hashing everything read. */
final class ByteSource {

    private final FileChannel channel;
    private final MessageDigest digest;
    private final ByteBuffer buffer;
    private long bufferStart;
    private int pos;
    private int limit;
    private boolean eof;

    ByteSource(FileChannel channel, long offset, int bufferSize, MessageDigest digest) {
        this.channel = channel;
        this.digest = digest;
        this.buffer = ByteBuffer.allocate(bufferSize);
        this.bufferStart = offset;
    }

    /** The file offset of the next byte. */
    long offset() {
        return bufferStart + pos;
    }

    /** The next byte (0–255), or −1 at the end. */
    int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer.array()[pos++] & 0xFF;
    }

    /** The next byte without consuming it, or −1. */
    int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer.array()[pos] & 0xFF;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        bufferStart += limit;
        pos = 0;
        limit = 0;
        buffer.clear();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, bufferStart + buffer.position());
            if (n < 0) {
                eof = true;
                break;
            }
        }
        limit = buffer.position();
        if (digest != null && limit > 0) {
            digest.update(buffer.array(), 0, limit);
        }
        return limit > 0;
    }
}
