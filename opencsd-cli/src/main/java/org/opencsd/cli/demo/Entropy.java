package org.opencsd.cli.demo;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.Locale;

/**
 * The original OpenCSD's showcase, done by the demo's own process on a FluffleFS mount: the
 * Shannon entropy of a file (a) by reading all of it through the mount and counting bytes, and
 * (b) by attaching the {@code byte_histogram} kernel (stored on the same mount) with the
 * extended attribute {@code user.process.csd_read_stream} and reading one 1 KiB histogram per
 * 512 KiB request. Both read with direct I/O: (a) with {@code O_DIRECT}, so that the page cache
 * does not hide the file system, (b) through a handle opened while the kernel is attached (the
 * mount makes those direct). Both stop early once the {@link Workspace} is interrupted, and close
 * every file they open before returning. Stateless; thread-safe.
 */
final class Entropy {
    /** The extended attribute without the {@code user.} namespace, as Java's view names it. */
    static final String READ_STREAM = "process.csd_read_stream";
    static final int REQUEST = 512 * 1024;
    private static final int ALIGN = 4096;

    private Entropy() {}

    /** A 256-bin byte histogram and the bytes received to build it. */
    record Histogram(long[] bins, long bytesToHost) {
        long total() {
            return Arrays.stream(bins).sum();
        }

        /** Shannon entropy in bits per byte. */
        double entropy() {
            double total = total(), h = 0;
            for (long c : bins) {
                if (c > 0) h -= c / total * (Math.log(c / total) / Math.log(2));
            }
            return h;
        }

        String answer() {
            return String.format(Locale.ROOT, "%.6f bits/byte", entropy());
        }
    }

    /** (a): reads all of {@code file} with O_DIRECT in 512 KiB requests and counts the bytes. */
    static Histogram readAll(Path file, Workspace ws) throws IOException {
        long[] bins = new long[256];
        long moved = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(REQUEST + ALIGN).alignedSlice(ALIGN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            for (long pos = 0; ; ) {
                ws.checkRunning();
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) break;
                buf.flip();
                while (buf.hasRemaining()) bins[buf.get() & 0xff]++;
                pos += n;
                moved += n;
            }
        }
        return new Histogram(bins, moved);
    }

    /**
     * (b): attaches {@code kernel} (a file on the same mount) to {@code file} for this process,
     * reads one histogram per 512 KiB request through a handle opened after the attach, sums
     * the bins, and detaches.
     */
    static Histogram offloaded(Path file, Path kernel, Workspace ws) throws IOException {
        long inode = ((Number) Files.getAttribute(kernel, "unix:ino")).longValue();
        long size = Files.size(file);
        long[] bins = new long[256];
        long moved = 0;
        // the file must be open by the attaching process, and stays open until the detach
        try (FileChannel anchor = FileChannel.open(file, StandardOpenOption.READ)) {
            UserDefinedFileAttributeView xattr = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            xattr.write(READ_STREAM, StandardCharsets.US_ASCII.encode(Long.toString(inode)));
            // the request size is the buffer's: ask for 512 KiB of file, receive its 1 KiB histogram
            ByteBuffer buf = ByteBuffer.allocateDirect(REQUEST).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long pos = 0; pos < size; pos += REQUEST) {
                    ws.checkRunning();
                    buf.clear();
                    int n = ch.read(buf, pos);
                    if (n != 1024) throw new IOException("the kernel returned " + n + " bytes at offset " + pos + ", not a 1 KiB histogram");
                    moved += n;
                    buf.flip();
                    for (int i = 0; i < 256; i++) bins[i] += Integer.toUnsignedLong(buf.getInt());
                }
            }
            xattr.delete(READ_STREAM);
        }
        Histogram h = new Histogram(bins, moved);
        if (h.total() != size) throw new IOException("the histograms count " + h.total() + " bytes, the file has " + size);
        return h;
    }
}
