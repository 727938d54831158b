package org.opencsd.cli.csd;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.cli.bpf.Engine;
import org.opencsd.cli.zns.SizeConverter;
import org.opencsd.csd.CallContext;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.CsdConfig;
import org.opencsd.csd.CsdResult;
import org.opencsd.csd.ExecuteRequest;
import org.opencsd.csd.ExecutionLimits;
import org.opencsd.csd.HelperAbi;
import org.opencsd.csd.LbaGrant;
import org.opencsd.csd.LbaRange;
import org.opencsd.csd.ProgramOptions;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code opencsd csd run}: loads a kernel into slot 0 of a computational storage device over the
 * image (opened read-only), grants it a zone or an LBA range, runs it once with a call context
 * describing that range, and prints r0, the return data (decoded for the bundled kernels) and
 * the accounting.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an eBPF kernel on the device, next to the data; print its result and what it moved.",
                "The kernel may read only the granted LBAs; its call context (bpf_get_call_info) lists them:",
                "with --zone, the zone's written LBAs (the whole capacity is granted); with --lbas, A to B."},
        footer = {"", "Examples:", "  opencsd csd run dev.img --program zcsd_demo --zone 0",
                "  opencsd csd run dev.img --program kernels/byte_histogram.o --lbas 0-1023 --engine jit --json"})
public final class CsdRun implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image (opened read-only).")
    Path image;

    @Option(names = "--program", required = true, paramLabel = "K.o", description = "Kernel ELF object, or a bundled kernel's name (see csd kernels).")
    String program;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--zone", paramLabel = "N", description = "Grant zone N.")
        Integer zone;

        @Option(names = "--lbas", paramLabel = "A-B", converter = LbaSpan.Converter.class, description = "Grant LBAs A to B (inclusive).")
        LbaSpan lbas;
    }

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "jit",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--abi", paramLabel = "ABI", defaultValue = "opencsd",
            description = "Helper numbering: opencsd (ids 1-9) or zcsd_legacy (ids 1-4) (default: ${DEFAULT-VALUE}).")
    HelperAbi abi;

    @Option(names = "--param", paramLabel = "HEX", description = "Parameter data in hex (r1/r2 of the kernel), e.g. fecaffff for a u32.")
    String param;

    @Option(names = "--heap", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "1M",
            description = "Scratch heap of the kernel (default: ${DEFAULT-VALUE}).")
    long heap;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Instruction limit; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long maxInstructions = ExecutionLimits.DEFAULTS.maxInstructions();

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Wall-time limit (default: ${DEFAULT-VALUE}).")
    long timeoutMs = ExecutionLimits.DEFAULTS.wallTime().toMillis();

    @Option(names = "--max-return", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "16M",
            description = "Return-data limit (default: ${DEFAULT-VALUE}).")
    long maxReturn;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProgramSource src = ProgramSource.resolve(program);
        byte[] params = parseParam();
        try (ZonedDevice d = ZonedDevices.openReadOnly(image);
             ComputationalStorageDevice csd = new ComputationalStorageDevice(d, config())) {
            csd.loadElf(0, src.name(), src.bytes(), new ProgramOptions(EngineKind.valueOf(engine.name()), abi, null));
            csd.activate(0);
            ExecuteRequest req = request(d).withParameters(params).withHeapBytes((int) heap);
            CsdResult r = csd.execute(req);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(CsdRunJson.of(src.name(), r, ResultDecoder.decode(src.name(), r.returnData())));
            } else {
                print(out, src.name(), r, d.geometry());
            }
            out.flush();
        }
        return 0;
    }

    private CsdConfig config() {
        if (maxInstructions < 0) throw new UserError("--max-instructions must be >= 0");
        if (timeoutMs < 1) throw new UserError("--timeout-ms must be >= 1");
        if (heap > Integer.MAX_VALUE - (64L << 20)) throw new UserError("--heap is too large: " + heap);
        if (maxReturn > Integer.MAX_VALUE) throw new UserError("--max-return is too large: " + maxReturn);
        ExecutionLimits l = ExecutionLimits.DEFAULTS.withMaxInstructions(maxInstructions).withWallTime(Duration.ofMillis(timeoutMs))
                .withMaxReturnBytes((int) maxReturn).withMaxMemoryBytes(Math.min(ExecutionLimits.MAX_REGION_BYTES, heap + (64L << 20)));
        return CsdConfig.DEFAULTS.withLimits(l).withMemoryBytes(Math.max(CsdConfig.DEFAULTS.memoryBytes(), heap + (64L << 20)));
    }

    private byte[] parseParam() {
        if (param == null) return new byte[0];
        try {
            return HexFormat.of().parseHex(param);
        } catch (IllegalArgumentException e) {
            throw new UserError("--param is not hex: " + param);
        }
    }

    /** The grant and call context for --zone or --lbas. */
    private ExecuteRequest request(ZonedDevice d) {
        ZoneGeometry g = d.geometry();
        if (target.zone != null) {
            int z = target.zone;
            if (z < 0 || z >= g.zoneCount()) throw new UserError("zone " + z + " does not exist (zones 0-" + (g.zoneCount() - 1) + ")");
            LbaGrant grant = LbaGrant.of(LbaRange.read(g.zoneStart(z), g.zoneCapacity()));
            long written = written(d, z);
            LbaGrant data = written == 0 ? LbaGrant.none() : LbaGrant.of(LbaRange.read(g.zoneStart(z), written));
            return ExecuteRequest.of(0, grant, CallContext.describing(data, g.lbaSize()));
        }
        LbaSpan s = target.lbas;
        if (s.last() >= g.totalLbas()) throw new UserError("LBA " + s.last() + " is outside the namespace (0-" + (g.totalLbas() - 1) + ")");
        return ExecuteRequest.standalone(0, LbaGrant.of(LbaRange.read(s.first(), s.last() - s.first() + 1)), g.lbaSize());
    }

    /** LBAs of zone {@code z} holding data: up to the write pointer, the capacity when full. */
    private static long written(ZonedDevice d, int z) {
        var desc = d.zone(z);
        return switch (desc.state()) {
            case EMPTY, OFFLINE -> 0;
            case FULL, READ_ONLY -> desc.capacity();
            default -> desc.writePointer() - desc.startLba();
        };
    }

    private static void print(PrintWriter out, String name, CsdResult r, ZoneGeometry g) {
        var s = r.stats();
        out.printf(Locale.ROOT, "kernel: %s (%s)%n", name, s.engineLabel());
        out.printf(Locale.ROOT, "r0: 0x%x (int %d)%n", r.value(), (int) r.value());
        out.printf(Locale.ROOT, "return data: %d bytes%s%n", r.returnData().length,
                r.returnData().length == 0 ? "" : ": " + ResultDecoder.hex(r.returnData(), 32));
        for (Map.Entry<String, String> e : ResultDecoder.decode(name, r.returnData()).entrySet()) {
            out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), e.getValue());
        }
        for (String m : r.debugMessages()) out.println("debug: " + m);
        out.printf(Locale.ROOT, "read inside the device: %d bytes (%d LBAs)%n", s.bytesRead(), s.bytesRead() / g.lbaSize());
        out.printf(Locale.ROOT, "returned to the host: %d bytes%s%n", s.bytesReturned(),
                s.bytesReturned() == 0 ? "" : String.format(Locale.ROOT, " (%.0fx less than read)", (double) s.bytesRead() / s.bytesReturned()));
        out.printf(Locale.ROOT, "instructions: %d, helper calls: %d (%d failed)%n", s.instructions(), s.helperCalls(), s.helperFailures());
        out.printf(Locale.ROOT, "time: %.3f ms%n", s.nanos() / 1e6);
    }
}
