package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencsd.zns.ZonedDevice;

/** fsck finds each broken invariant of a log that checksums fine but describes a broken tree. */
class FsckTest {
    @Test
    void reportsEveryProblemOfAHandWrittenBadCommit() {
        ZonedDevice dev = TestDevices.formatted(16, 64);
        try (FluffleFs fs = TestDevices.mount(dev)) {
            long f = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
            fs.write(f, 0, ByteBuffer.wrap(new byte[5000]));
            fs.mkdir(FluffleFs.ROOT, "d", 0755, Credentials.ROOT);
        }
        assertTrue(Fsck.check(dev).clean());
        Superblock sb = Formatter.readSuperblock(dev);
        LogLoader.Loaded l = LogLoader.load(dev, sb);
        MetadataLog log = new MetadataLog(dev, sb, l.state(), l.activeZone(), l.epoch(), l.nextSeq(), l.usedBlocks());
        log.add(List.of(
                new LogRecord.DirentAdd(FluffleFs.ROOT, "second-name", 2),
                new LogRecord.InodeAttrs(99, FileType.SYMLINK, 0777, 0, 0, 1, 42, 0, 0, 0, 0, "x"),
                new LogRecord.InodeAttrs(2, FileType.REGULAR, 0644, 0, 0, 1, 10, 0, 0, 0, 0, ""),
                new LogRecord.InodeAttrs(3, FileType.DIRECTORY, 0755, 0, 0, 5, 0, 0, 0, 0, 7, "")));
        log.sync();
        FsckReport r = Fsck.check(dev);
        assertEquals(List.of(
                        "inode 2 maps file block 1 past its size 10",
                        "symlink inode 99 has size 42 for its target",
                        "directory 3 has link count 5, expected 2",
                        "directory 3 records parent 7 but is in 1",
                        "inode 2 has link count 1 but 2 names",
                        "inode 99 is not reachable from the root",
                        "inode 99 has link count 1 but 0 names"),
                r.problems().stream().sorted((a, b) -> order(a) - order(b)).toList());
        FaultyDevice counting = new FaultyDevice(dev, 0);
        ImageFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ImageFormatException.class,
                () -> TestDevices.mount(counting));
        assertTrue(e.getMessage().startsWith("the FluffleFS metadata is corrupt: ") && e.getMessage().endsWith("(and 6 more; see opencsd fsck)"),
                e.getMessage());
        assertEquals(0, counting.writes());
    }

    private static int order(String problem) {
        String[] first = {"maps file block", "symlink", "link count 5", "records parent", "but 2 names", "not reachable"};
        for (int i = 0; i < first.length; i++) if (problem.contains(first[i])) return i;
        return first.length;
    }
}
