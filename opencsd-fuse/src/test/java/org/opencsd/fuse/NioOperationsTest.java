package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mounted memory filesystem through real system calls made by {@code java.nio}. */
class NioOperationsTest {
    @TempDir
    static Path tmp;
    static MountedMemoryFs mounted;
    static Path root;

    @BeforeAll
    static void mount() throws Exception {
        mounted = MountedMemoryFs.mount(tmp);
        root = mounted.root;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted != null) mounted.close();
    }

    @Test
    void isAFuseMountWithTheGivenNames() {
        MountTable.Mount m = MountTable.find(root).orElseThrow();
        assertEquals("fuse.opencsd", m.fsType());
        assertEquals("memfs-test", m.source());
    }

    @Test
    void writesAndReadsBackBytesAtOffsets() throws Exception {
        Path f = root.resolve("data.bin");
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Files.write(f, data);
        assertArrayEquals(data, Files.readAllBytes(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), 123_456);
            ByteBuffer back = ByteBuffer.allocate(5);
            ch.read(back, 123_456);
            assertEquals("hello", new String(back.array(), StandardCharsets.US_ASCII));
            ch.force(true);
        }
        assertEquals(300_000, Files.size(f));
    }

    @Test
    void appendTruncateAndSparseExtension() throws Exception {
        Path f = root.resolve("grow.txt");
        Files.writeString(f, "abc");
        Files.writeString(f, "def", StandardOpenOption.APPEND);
        assertEquals("abcdef", Files.readString(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(2);
        }
        assertEquals("ab", Files.readString(f));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'z'}), 10);
        }
        byte[] expected = {'a', 'b', 0, 0, 0, 0, 0, 0, 0, 0, 'z'};
        assertArrayEquals(expected, Files.readAllBytes(f));
        Files.writeString(f, "new", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals("new", Files.readString(f));
    }

    @Test
    void directoriesListRenameAndRemove() throws Exception {
        Path d = Files.createDirectories(root.resolve("a/b/c"));
        for (int i = 0; i < 300; i++) Files.writeString(d.resolve("file-" + i), "x" + i);
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(300, s.count());
        }
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(d));
        Files.move(root.resolve("a/b"), root.resolve("moved"));
        assertEquals("x42", Files.readString(root.resolve("moved/c/file-42")));
        assertFalse(Files.exists(root.resolve("a/b")));
        try (Stream<Path> s = Files.walk(root.resolve("moved"))) {
            s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertFalse(Files.exists(root.resolve("moved")));
        assertThrows(NoSuchFileException.class, () -> Files.delete(root.resolve("moved")));
    }

    @Test
    void renameReplacesAndRespectsNoReplace() throws Exception {
        Files.writeString(root.resolve("r1"), "one");
        Files.writeString(root.resolve("r2"), "two");
        assertThrows(FileAlreadyExistsException.class, () -> Files.move(root.resolve("r1"), root.resolve("r2")));
        Files.move(root.resolve("r1"), root.resolve("r2"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("one", Files.readString(root.resolve("r2")));
        assertFalse(Files.exists(root.resolve("r1")));
    }

    @Test
    void symlinksAndHardLinks() throws Exception {
        Path target = Files.writeString(root.resolve("target.txt"), "payload");
        Path sym = Files.createSymbolicLink(root.resolve("sym"), Path.of("target.txt"));
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(sym));
        assertEquals("payload", Files.readString(sym));
        Path hard = Files.createLink(root.resolve("hard"), target);
        assertEquals(2, (Integer) Files.getAttribute(target, "unix:nlink"));
        assertEquals(Files.getAttribute(target, "unix:ino"), Files.getAttribute(hard, "unix:ino"));
        Files.delete(target);
        assertEquals("payload", Files.readString(hard));
        assertEquals(1, (Integer) Files.getAttribute(hard, "unix:nlink"));
    }

    @Test
    void permissionsOwnersAndTimes() throws Exception {
        Path f = Files.writeString(root.resolve("perm.txt"), "p");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setAttribute(f, "unix:uid", 1234);
        Files.setAttribute(f, "unix:gid", 4321);
        assertEquals(1234, (Integer) Files.getAttribute(f, "unix:uid"));
        assertEquals(4321, (Integer) Files.getAttribute(f, "unix:gid"));
        Instant when = Instant.parse("2001-02-03T04:05:06.789Z");
        Files.setLastModifiedTime(f, FileTime.from(when));
        assertEquals(when, Files.getLastModifiedTime(f).toInstant());
    }

    @Test
    void extendedAttributesThroughUserDefinedView() throws Exception {
        Path f = Files.writeString(root.resolve("xattr.txt"), "x");
        var view = Files.getFileAttributeView(f, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        view.write("color", ByteBuffer.wrap("blue".getBytes(StandardCharsets.UTF_8)));
        view.write("size", ByteBuffer.wrap(new byte[5000]));
        assertEquals(Set.of("color", "size"), new TreeSet<>(view.list()));
        assertEquals(5000, view.size("size"));
        ByteBuffer back = ByteBuffer.allocate(view.size("color"));
        view.read("color", back);
        assertEquals("blue", new String(back.array(), StandardCharsets.UTF_8));
        view.delete("color");
        assertEquals(List.of("size"), view.list());
    }

    @Test
    void statfsReachesTheFilesystem() throws Exception {
        FileStore store = Files.getFileStore(root);
        assertEquals(4096L * (1 << 20), store.getTotalSpace());
        assertTrue(store.getUsableSpace() > 0 && store.getUsableSpace() <= store.getTotalSpace());
        assertTrue(mounted.fs.calls().stream().anyMatch(c -> c.op().equals("statfs")));
    }
}
