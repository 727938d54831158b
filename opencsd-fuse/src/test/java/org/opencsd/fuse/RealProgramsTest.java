package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Real programs on a mounted FluffleFS image: fio with crc32c verification, RocksDB's
 * {@code db_bench} (Debian {@code rocksdb-tools}, installed by {@code make setup}), and a RocksDB
 * database through {@code rocksdbjni}, reopened and read back. Sizes are small (seconds each).
 * Afterwards the image must pass fsck.
 */
class RealProgramsTest {
    @TempDir
    static Path tmp;
    static Path image;
    static MountedFluffle mounted;

    @BeforeAll
    static void mount() throws Exception {
        image = MountedFluffle.format(tmp, 48);
        mounted = MountedFluffle.mount(image, tmp);
    }

    @AfterAll
    static void unmountAndCheck() throws Exception {
        if (mounted == null) return;
        mounted.close();
        var report = MountedFluffle.fsck(image);
        assertTrue(report.clean(), report.problems().toString());
    }

    private static String run(List<String> command) throws Exception {
        assertTrue(FuseTestSupport.onPath(command.getFirst()), command.getFirst() + " not installed: run make setup");
        FuseTestSupport.Result r = FuseTestSupport.run(mounted.root, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed:\n" + r.output());
        return r.output();
    }

    /**
     * Writes (sequentially or randomly) with crc32c headers and verifies after the write phase;
     * for read workloads a first job lays the file out with verify headers, then the read job
     * checks every block it reads.
     */
    @ParameterizedTest(name = "fio {0} bs={1}")
    @CsvSource({"write,128k", "read,128k", "randwrite,4k", "randread,4k", "randrw,16k"})
    void fioVerifiesWhatItWrote(String rw, String bs) throws Exception {
        String file = "fio-" + rw + ".dat";
        List<String> common = List.of("--filename=" + file, "--size=12m", "--bs=" + bs, "--ioengine=psync",
                "--verify=crc32c", "--verify_fatal=1", "--randrepeat=1", "--fallocate=native");
        if (rw.endsWith("read")) {
            run(concat(List.of("fio", "--name=layout", "--rw=write", "--do_verify=0"), common));
        }
        String out = run(concat(List.of("fio", "--name=" + rw, "--rw=" + rw, "--do_verify=1"), common));
        assertTrue(out.contains("err= 0"), out);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void dbBenchRunsItsWriteAndReadWorkloads() throws Exception {
        String out = run(List.of("db_bench", "--db=" + mounted.root.resolve("db_bench"),
                "--benchmarks=fillseq,fillrandom,overwrite,readrandom", "--num=5000", "--value_size=200",
                "--use_existing_db=0", "--sync=0", "--statistics=0", "--threads=1"));
        for (String b : List.of("fillseq", "fillrandom", "overwrite", "readrandom")) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(b) && l.contains("ops/sec")), () -> b + " missing:\n" + out);
        }
        assertTrue(!out.contains("Corruption") && !out.contains("IO error"), out);
    }

    @Test
    void rocksDbThroughJniSurvivesReopenAndCompaction() throws Exception {
        RocksDB.loadLibrary();
        String path = mounted.root.resolve("rocks").toString();
        try (Options o = new Options().setCreateIfMissing(true).setWriteBufferSize(256 << 10);
             RocksDB db = RocksDB.open(o, path);
             WriteOptions sync = new WriteOptions().setSync(true)) {
            for (int i = 0; i < 4000; i++) db.put(sync, key(i), value(i));
            for (int i = 0; i < 4000; i += 3) db.delete(key(i));
            db.flush(new FlushOptions().setWaitForFlush(true));
            db.compactRange();
        }
        try (Options o = new Options(); RocksDB db = RocksDB.open(o, path); RocksIterator it = db.newIterator()) {
            int n = 0;
            for (it.seekToFirst(); it.isValid(); it.next()) n++;
            assertEquals(4000 - 1334, n);
            assertArrayEquals(value(3998), db.get(key(3998)));
            assertEquals(null, db.get(key(3)));
        }
        try (var files = Files.list(Path.of(path))) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".sst")));
        }
    }

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 300)).getBytes(StandardCharsets.US_ASCII);
    }
}
