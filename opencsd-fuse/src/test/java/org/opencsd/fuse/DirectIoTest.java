package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-open flags: a handle opened with {@code direct_io} sends every read to the filesystem,
 * while handles of the same file opened with {@code keep_cache} are served from the page cache
 * (the direct handle is opened with {@code keep_cache} too, or its open would invalidate them).
 * Observed through the filesystem's count of read requests.
 */
class DirectIoTest {
    @TempDir
    static Path tmp;
    static MountedMemoryFs mounted;

    @BeforeAll
    static void mount() throws Exception {
        mounted = MountedMemoryFs.mount(tmp);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted != null) mounted.close();
    }

    private static byte[] readAll(FileChannel ch, int size) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(size);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // keep reading until full or end of file
        }
        return b.array();
    }

    @Test
    void directIoHandleBypassesThePageCacheOthersKeepIt() throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(3).nextBytes(data);
        Path f = mounted.root.resolve("cached-or-not");
        Files.write(f, data);
        MemoryFileSystem fs = mounted.fs;

        fs.openWith(false, true);
        try (FileChannel warm = FileChannel.open(f, StandardOpenOption.READ)) {
            assertArrayEquals(data, readAll(warm, data.length));
        }
        long afterWarm = fs.reads();
        try (FileChannel cached = FileChannel.open(f, StandardOpenOption.READ)) {
            assertArrayEquals(data, readAll(cached, data.length));
        }
        assertEquals(afterWarm, fs.reads(), "a keep_cache handle re-reads cached data without read requests");

        // keep_cache on the direct handle too: without it, its open would drop the file's cached pages
        fs.openWith(true, true);
        try (FileChannel direct = FileChannel.open(f, StandardOpenOption.READ)) {
            fs.openWith(false, true);
            try (FileChannel cachedMeanwhile = FileChannel.open(f, StandardOpenOption.READ)) {
                long before = fs.reads();
                assertArrayEquals(data, readAll(direct, data.length));
                long afterFirst = fs.reads();
                assertTrue(afterFirst > before, "direct_io read reached the filesystem");
                assertArrayEquals(data, readAll(direct, data.length));
                assertTrue(fs.reads() > afterFirst, "second direct_io read reached the filesystem again");
                long beforeCached = fs.reads();
                assertArrayEquals(data, readAll(cachedMeanwhile, data.length));
                assertEquals(beforeCached, fs.reads(), "the other, cached handle still reads from the page cache");
            }
        }
    }

    @Test
    void directIoShortReadIsPassedThroughAsIs() throws Exception {
        Path f = Files.write(mounted.root.resolve("short"), new byte[10_000]);
        mounted.fs.openWith(true, false);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8192);
            assertEquals(8192, ch.read(b, 0));
            b.clear();
            assertEquals(10_000 - 8192, ch.read(b, 8192));
            b.clear();
            assertEquals(-1, ch.read(b, 10_000));
        } finally {
            mounted.fs.openWith(false, true);
        }
    }
}
