package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every layout fact the binding hard-codes against the C compiler: compiles
 * {@code src/test/c/layouts.c} against the installed libfuse3 headers, runs it, and compares
 * each size, offset, bit position and flag value it prints with the Java side.
 */
class NativeStructsTest {

    @Test
    void layoutsMatchTheCompiler(@TempDir Path tmp) throws Exception {
        Map<String, Long> c = compiledFacts(tmp);
        Map<String, Long> java = javaFacts();
        assertTrue(c.size() > 90, "C program printed " + c.size() + " facts");
        for (Map.Entry<String, Long> fact : c.entrySet()) {
            assertTrue(java.containsKey(fact.getKey()), "Java side has no value for " + fact.getKey());
            assertEquals(fact.getValue(), java.get(fact.getKey()), fact.getKey());
        }
    }

    private static Map<String, Long> compiledFacts(Path tmp) throws IOException, InterruptedException {
        Path headers = Path.of("/usr/include/fuse3/fuse_lowlevel.h");
        assumeTrue(Files.exists(headers), "libfuse3-dev headers not installed (make setup installs them)");
        assumeTrue(FuseTestSupport.onPath("gcc") && FuseTestSupport.onPath("pkg-config"), "gcc or pkg-config missing (make setup installs them)");
        Path exe = tmp.resolve("layouts");
        Process cc = new ProcessBuilder("sh", "-c", "gcc -Wall -Werror $(pkg-config --cflags fuse3) src/test/c/layouts.c -o " + exe)
                .redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes());
        assertEquals(0, cc.waitFor(), "gcc failed: " + ccOut);
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes());
        assertEquals(0, run.waitFor(), out);
        Map<String, Long> facts = new LinkedHashMap<>();
        out.lines().map(l -> l.split(" ")).forEach(f -> facts.put(f[0], Long.parseLong(f[1])));
        return facts;
    }

    private static Map<String, Long> javaFacts() {
        Map<String, Long> m = new LinkedHashMap<>();
        struct(m, "stat", NativeStructs.STAT);
        struct(m, "fuse_entry_param", NativeStructs.ENTRY_PARAM);
        struct(m, "fuse_file_info", NativeStructs.FILE_INFO);
        struct(m, "statvfs", NativeStructs.STATVFS);
        struct(m, "fuse_ctx", NativeStructs.CTX);
        struct(m, "fuse_conn_info", NativeStructs.CONN_INFO);
        struct(m, "fuse_args", NativeStructs.ARGS);
        struct(m, "fuse_forget_data", NativeStructs.FORGET_DATA);
        bits(m);
        m.put("sizeof.fuse_lowlevel_ops", OperationTable.SLOTS * 8L);
        for (OperationTable.Slot s : OperationTable.SLOTS_SERVED) m.put("fuse_lowlevel_ops." + s.cName(), s.index() * 8L);
        m.put("fuse_lowlevel_ops.readdirplus", OperationTable.READDIRPLUS.index() * 8L);
        m.put("FUSE_SET_ATTR.MODE", (long) SetAttrDecoder.MODE);
        m.put("FUSE_SET_ATTR.UID", (long) SetAttrDecoder.UID);
        m.put("FUSE_SET_ATTR.GID", (long) SetAttrDecoder.GID);
        m.put("FUSE_SET_ATTR.SIZE", (long) SetAttrDecoder.SIZE);
        m.put("FUSE_SET_ATTR.ATIME", (long) SetAttrDecoder.ATIME);
        m.put("FUSE_SET_ATTR.MTIME", (long) SetAttrDecoder.MTIME);
        m.put("FUSE_SET_ATTR.ATIME_NOW", (long) SetAttrDecoder.ATIME_NOW);
        m.put("FUSE_SET_ATTR.MTIME_NOW", (long) SetAttrDecoder.MTIME_NOW);
        m.put("FUSE_SET_ATTR.CTIME", (long) SetAttrDecoder.CTIME);
        m.put("FUSE_SET_ATTR.KILL_SUID", (long) SetAttrDecoder.KILL_SUID);
        m.put("FUSE_SET_ATTR.KILL_SGID", (long) SetAttrDecoder.KILL_SGID);
        return m;
    }

    private static void struct(Map<String, Long> m, String name, StructLayout layout) {
        m.put("sizeof." + name, layout.byteSize());
        for (MemoryLayout member : layout.memberLayouts()) {
            member.name().ifPresent(n -> m.put(name + "." + n, NativeStructs.offset(layout, n)));
        }
    }

    private static void bits(Map<String, Long> m) {
        Map<String, Integer> bits = Map.of("writepage", NativeStructs.FI_WRITEPAGE, "direct_io", NativeStructs.FI_DIRECT_IO,
                "keep_cache", NativeStructs.FI_KEEP_CACHE, "flush", NativeStructs.FI_FLUSH,
                "nonseekable", NativeStructs.FI_NONSEEKABLE, "flock_release", NativeStructs.FI_FLOCK_RELEASE,
                "cache_readdir", NativeStructs.FI_CACHE_READDIR, "noflush", NativeStructs.FI_NOFLUSH);
        bits.forEach((n, mask) -> m.put("fuse_file_info.bit." + n, (long) Integer.numberOfTrailingZeros(mask)));
    }
}
