package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Decoding of native arguments and encoding of replies, without a mount. */
class DecodingTest {

    @Test
    void setattrBitsBecomeTypedChanges() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment stat = a.allocate(NativeStructs.STAT);
            stat.set(JAVA_INT, NativeStructs.offset(NativeStructs.STAT, "st_mode"), FileMode.S_IFREG | 04755);
            stat.set(JAVA_LONG, NativeStructs.offset(NativeStructs.STAT, "st_size"), 77);
            stat.set(JAVA_LONG, NativeStructs.offset(NativeStructs.STAT, "st_atim"), 1000);
            stat.set(JAVA_LONG, NativeStructs.offset(NativeStructs.STAT, "st_atim") + 8, 5);
            int toSet = SetAttrDecoder.MODE | SetAttrDecoder.SIZE | SetAttrDecoder.ATIME | SetAttrDecoder.MTIME
                    | SetAttrDecoder.MTIME_NOW;
            SetAttributes c = SetAttrDecoder.decode(stat, toSet, OptionalLong.of(9));
            assertEquals(OptionalInt.of(04755), c.mode());
            assertEquals(OptionalLong.of(77), c.size());
            assertEquals(OptionalInt.empty(), c.uid());
            assertEquals(new TimeChange.Set(Instant.ofEpochSecond(1000, 5)), c.atime());
            assertEquals(TimeChange.NOW, c.mtime());
            assertEquals(Optional.empty(), c.ctime());
            assertEquals(OptionalLong.of(9), c.fh());
            assertFalse(c.isEmpty());
            SetAttributes none = SetAttrDecoder.decode(stat, 0, OptionalLong.empty());
            assertTrue(none.isEmpty());
            assertEquals(TimeChange.OMIT, none.atime());
        }
    }

    @Test
    void timeChangeApplies() {
        Instant cur = Instant.ofEpochSecond(1), now = Instant.ofEpochSecond(2), given = Instant.ofEpochSecond(3);
        assertEquals(cur, TimeChange.OMIT.apply(cur, now));
        assertEquals(now, TimeChange.NOW.apply(cur, now));
        assertEquals(given, new TimeChange.Set(given).apply(cur, now));
    }

    @Test
    void openResultSetsOnlyItsBitsAndTheHandle() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fi = a.allocate(NativeStructs.FILE_INFO);
            fi.set(JAVA_INT, 0, 02);
            fi.set(JAVA_INT, 4, NativeStructs.FI_WRITEPAGE | NativeStructs.FI_FLUSH | NativeStructs.FI_KEEP_CACHE);
            NativeStructs.writeOpenResult(fi, OpenResult.of(0xABCDEF).withDirectIo(true));
            assertEquals(NativeStructs.FI_WRITEPAGE | NativeStructs.FI_FLUSH | NativeStructs.FI_DIRECT_IO, NativeStructs.fileInfoBits(fi));
            assertEquals(0xABCDEF, NativeStructs.fileInfoFh(fi));
            assertEquals(02, NativeStructs.fileInfoFlags(fi));
        }
    }

    @Test
    void flagSetsDecodeAndRejectUnknownBits() throws Exception {
        assertEquals(EnumSet.of(RenameFlag.NOREPLACE), RenameFlag.decode(1));
        assertEquals(EnumSet.of(RenameFlag.EXCHANGE), RenameFlag.decode(2));
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> RenameFlag.decode(8)).errno());
        assertEquals(EnumSet.of(FallocateFlag.KEEP_SIZE, FallocateFlag.PUNCH_HOLE), FallocateFlag.decode(3));
        assertEquals(Errno.EOPNOTSUPP, assertThrows(ErrnoException.class, () -> FallocateFlag.decode(0x100)).errno());
        assertEquals(SeekWhence.HOLE, SeekWhence.of(4));
        assertEquals(XattrSetMode.REPLACE, XattrSetMode.of(2));
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> XattrSetMode.of(3)).errno());
    }

    @Test
    void namesAreStrictUtf8() throws Exception {
        assertEquals("gr\u00fc\u00df", CStrings.decode("gr\u00fc\u00df".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(Errno.EILSEQ, assertThrows(ErrnoException.class, () -> CStrings.decode(new byte[] {'a', (byte) 0xff})).errno());
        try (Arena a = Arena.ofConfined()) {
            assertEquals("abc", CStrings.read(CStrings.allocate(a, "abc")));
            assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> CStrings.allocate(a, "a\0b")).errno());
        }
        assertEquals(List.of((byte) 'a', (byte) 0, (byte) 'b', (byte) 'c', (byte) 0),
                toList(XattrNames.encode(List.of("a", "bc"))));
    }

    private static List<Byte> toList(byte[] b) {
        java.util.ArrayList<Byte> l = new java.util.ArrayList<>();
        for (byte x : b) l.add(x);
        return l;
    }

    @Test
    void mountOptionsBecomeLibfuseArguments() {
        MountOptions o = MountOptions.defaults().withFsName("img.zns").withAllowOther(true).withDebug(true);
        assertEquals(List.of("opencsd-fuse", "-o", "fsname=img.zns,subtype=opencsd,allow_other,default_permissions", "-d"), o.arguments());
        assertThrows(IllegalArgumentException.class, () -> MountOptions.defaults().withFsName("a,b"));
        assertThrows(IllegalArgumentException.class, () -> MountOptions.defaults().withMaxIdleThreads(0));
    }

    @Test
    void mountinfoEscapesAreDecoded() {
        assertEquals("/tmp/with space\tand\\slash", MountTable.unescape("/tmp/with\\040space\\011and\\134slash"));
        assertEquals("/plain", MountTable.unescape("/plain"));
    }
}
