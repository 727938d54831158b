package org.opencsd.fuse.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.MountOptions;
import org.opencsd.fuse.ConnectionInfo;
import org.opencsd.fuse.KernelCache;
import org.opencsd.fuse.OpenFlags;
import org.opencsd.fuse.Request;
import org.opencsd.fuse.SetAttributes;
import org.opencsd.fuse.TimeChange;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * {@link FluffleFileSystem} tells the kernel to drop an inode's cached attributes exactly when
 * it cleared set-id bits on its own, where no reply carries the new mode (a write, an
 * {@code open(O_TRUNC)}), and at no other time: not for a plain file, not once the bits are gone,
 * not for root, not for a setattr or create (their replies carry the mode). No mount: the kernel
 * caches are a recording stand-in.
 */
class SetIdNotificationTest {
    private static final Request ROOT = new Request(0, 0, 1, 0);
    private static final Request NOBODY = new Request(65534, 65534, 1, 0);
    private static final OpenFlags TRUNCATE = new OpenFlags(OpenFlags.O_WRONLY | OpenFlags.O_TRUNC);

    private final List<Long> told = new CopyOnWriteArrayList<>();
    private ZonedDevice device;
    private FluffleFs fs;
    private FluffleFileSystem adapter;

    @BeforeEach
    void setUp() {
        device = ZonedDevices.memory(ZoneGeometry.of(16, 4096, 256, 256));
        FluffleFs.format(device);
        fs = FluffleFs.mount(device, MountOptions.foregroundOnly(), true);
        adapter = new FluffleFileSystem(fs);
        adapter.init(new ConnectionInfo(7, 38, 1 << 20, 0, 1 << 20, 0, 0), ino -> told.add(ino));
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private long file(String name, int mode) {
        long ino = fs.create(FluffleFs.ROOT, name, 0644, new Credentials(0, 0)).ino();
        fs.chmod(ino, mode);
        return ino;
    }

    private void write(Request who, long ino) throws Exception {
        long fh = fs.open(ino);
        try {
            assertEquals(1, adapter.write(who, ino, fh, 0, ByteBuffer.wrap(new byte[] {'x'}).asReadOnlyBuffer()));
        } finally {
            fs.release(fh);
        }
    }

    private void openTruncating(Request who, long ino) throws Exception {
        adapter.release(who, ino, adapter.open(who, ino, TRUNCATE).fh(), TRUNCATE);
    }

    @Test
    void aWriteTellsTheKernelOnlyWhenItClearedBits() throws Exception {
        long suid = file("suid", 06777);
        long plain = file("plain", 0777);
        long lock = file("lock", 02767); // set-gid without group-execute: kept
        write(NOBODY, plain);
        write(NOBODY, lock);
        write(ROOT, suid);
        assertEquals(List.of(), told);
        assertEquals(06777, fs.getattr(suid).mode());
        write(NOBODY, suid);
        assertEquals(List.of(suid), told);
        assertEquals(0777, fs.getattr(suid).mode());
        write(NOBODY, suid);
        assertEquals(List.of(suid), told, "nothing left to clear");
    }

    @Test
    void aTruncatingOpenTellsTheKernelOnlyWhenItClearedBits() throws Exception {
        long suid = file("suid", 04755);
        long plain = file("plain", 0777);
        openTruncating(NOBODY, plain);
        openTruncating(ROOT, suid);
        assertEquals(List.of(), told);
        openTruncating(NOBODY, suid);
        assertEquals(List.of(suid), told);
        assertEquals(0755, fs.getattr(suid).mode());
    }

    @Test
    void setattrAndCreateAnswerWithTheNewModeAndTellNothing() throws Exception {
        long truncated = file("t", 06777);
        SetAttributes truncate = new SetAttributes(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalLong.of(0), TimeChange.OMIT, TimeChange.OMIT, Optional.empty(), true, OptionalLong.empty());
        assertEquals(0100777, adapter.setattr(NOBODY, truncated, truncate).mode());
        long raced = file("raced", 06777);
        // create of an existing name without O_EXCL (a create racing the kernel's lookup) opens it
        var created = adapter.create(NOBODY, FluffleFs.ROOT, "raced", 0644, TRUNCATE);
        assertEquals(raced, created.entry().attributes().ino());
        assertEquals(0100777, created.entry().attributes().mode());
        adapter.release(NOBODY, raced, created.open().fh(), TRUNCATE);
        assertEquals(List.of(), told);
    }

    @Test
    void withoutInitTheBitsAreStillClearedAndNothingIsTold() throws Exception {
        FluffleFileSystem uninitialised = new FluffleFileSystem(fs); // KernelCache.NONE until init
        long suid = file("suid", 04755);
        long fh = fs.open(suid);
        assertEquals(1, uninitialised.write(NOBODY, suid, fh, 0, ByteBuffer.wrap(new byte[] {'x'})));
        fs.release(fh);
        assertEquals(0755, fs.getattr(suid).mode());
        assertFalse(KernelCache.NONE.invalidateAttributes(suid));
    }
}
