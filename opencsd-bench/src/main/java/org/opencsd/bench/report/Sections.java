package org.opencsd.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns JMH records into the report's sections, pairing each candidate with its baseline from the
 * same run: eBPF engines vs plain Java, offload vs host, zoned device vs FileChannel, FluffleFS vs
 * the raw device. A pair with a side missing is left out. Stateless.
 */
public final class Sections {
    private static final String P = "org.opencsd.bench.";

    private Sections() {}

    /** Interpreter and JIT vs plain Java per kernel and input size ({@code JitBenchmark}). */
    public static Section engines(List<JmhRecord> rs) {
        List<Comparison> out = new ArrayList<>();
        for (JmhRecord base : select(rs, r -> r.benchmark().equals(P + "jit.JitBenchmark.run") && r.param("vm").equals("java"))) {
            for (String engine : List.of("interpreter", "jit")) {
                find(rs, r -> r.benchmark().equals(base.benchmark()) && r.param("vm").equals(engine)
                        && r.param("kernel").equals(base.param("kernel")) && r.param("size").equals(base.param("size")))
                        .ifPresent(c -> out.add(Comparison.of(base.param("kernel") + " " + size(base.param("size")), engine, "java",
                                c.score(), base.score(), c.unit(), true)));
            }
        }
        return new Section("ebpf-engines", "eBPF engines: interpreter and JIT vs plain Java",
                "Each kernel run over an input buffer by the interpreter, by the JIT (eBPF compiled to JVM bytecode) and "
                        + "as hand-written Java (the baseline). Speed-up < 1 means slower than plain Java.", out);
    }

    /** Offloaded kernel vs the host reading the zone and computing ({@code CsdOffloadBenchmark}). */
    public static Section offload(List<JmhRecord> rs) {
        List<Comparison> out = new ArrayList<>();
        for (JmhRecord host : select(rs, r -> r.benchmark().equals(P + "csd.CsdOffloadBenchmark.host"))) {
            find(rs, r -> r.benchmark().equals(P + "csd.CsdOffloadBenchmark.offload") && r.param("kernel").equals(host.param("kernel")))
                    .ifPresent(off -> out.add(Comparison.of(host.param("kernel"), "offload", "host", off.score(), host.score(),
                            off.unit(), off.higherIsBetter())));
        }
        return new Section("offload-vs-host", "Offload vs host",
                "A kernel (JIT) run inside the computational storage device over one zone of demo data (256 MiB; 64 MiB in "
                        + "quick runs), against the host reading the whole zone and computing the same answer (checked equal in "
                        + "the benchmark's set-up). Both run on the same CPU here: the device has no cores of its own, so the "
                        + "gain to look for is the bytes moved, not the time.", out);
    }

    /** Zone Append and random reads on the zoned device vs a plain FileChannel ({@code Zns*Benchmark}). */
    public static Section zns(List<JmhRecord> rs) {
        List<Comparison> out = new ArrayList<>();
        pairs(rs, P + "zns.ZnsAppendBenchmark.appendZns", P + "zns.ZnsAppendBenchmark.appendPlainFile", "append", out);
        pairs(rs, P + "zns.ZnsRandomReadBenchmark.readZns", P + "zns.ZnsRandomReadBenchmark.readPlainFile", "random 4 KiB read", out);
        return new Section("zns-vs-filechannel", "Zoned device vs FileChannel",
                "The emulated zoned device (file backend, zone state kept) against positional I/O on a plain file "
                        + "through FileChannel, the same sizes, in the same folder.", out);
    }

    /** Sequential write and read through FluffleFS vs the raw zoned device ({@code FsSequential*Benchmark}). */
    public static Section fluffle(List<JmhRecord> rs) {
        List<Comparison> out = new ArrayList<>();
        for (String b : List.of(P + "fs.FsSequentialBenchmark.write1GiB", P + "fs.FsSequentialReadBenchmark.read1GiB")) {
            Optional<JmhRecord> dev = find(rs, r -> r.benchmark().equals(b) && r.param("target").equals("device"));
            Optional<JmhRecord> fs = find(rs, r -> r.benchmark().equals(b) && r.param("target").equals("fluffle"));
            if (dev.isPresent() && fs.isPresent()) {
                out.add(Comparison.of(b.endsWith("write1GiB") ? "sequential write" : "sequential read", "FluffleFS", "device",
                        fs.get().score(), dev.get().score(), fs.get().unit(), fs.get().higherIsBetter()));
            }
        }
        return new Section("fluffle-vs-device", "FluffleFS vs the raw device",
                "Sequential I/O in 1 MiB requests through FluffleFS's Java API (a file, then fsync) against Zone Appends "
                        + "on the raw device of the same geometry.", out);
    }

    private static void pairs(List<JmhRecord> rs, String candidate, String baseline, String what, List<Comparison> out) {
        for (JmhRecord c : select(rs, r -> r.benchmark().equals(candidate))) {
            Map<String, String> p = c.params();
            find(rs, r -> r.benchmark().equals(baseline) && r.params().equals(p)).ifPresent(b -> out.add(Comparison.of(
                    what + (p.containsKey("size") ? " " + size(p.get("size")) : ""), "zoned device", "FileChannel",
                    c.score(), b.score(), c.unit(), c.higherIsBetter())));
        }
    }

    private static List<JmhRecord> select(List<JmhRecord> rs, Predicate<JmhRecord> p) {
        Map<String, JmhRecord> unique = new LinkedHashMap<>();
        for (JmhRecord r : rs) if (p.test(r)) unique.put(r.benchmark() + r.params(), r);
        return new ArrayList<>(unique.values());
    }

    private static Optional<JmhRecord> find(List<JmhRecord> rs, Predicate<JmhRecord> p) {
        JmhRecord last = null;
        for (JmhRecord r : rs) if (p.test(r)) last = r;
        return Optional.ofNullable(last);
    }

    /** "4096" -> "4 KiB", "1048576" -> "1 MiB". */
    static String size(String bytes) {
        if (bytes.isEmpty()) return "";
        long b = Long.parseLong(bytes);
        if (b >= 1 << 20 && b % (1 << 20) == 0) return (b >> 20) + " MiB";
        if (b >= 1 << 10 && b % (1 << 10) == 0) return (b >> 10) + " KiB";
        return b + " B";
    }
}
