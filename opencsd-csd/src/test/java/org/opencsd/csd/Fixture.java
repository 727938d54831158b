package org.opencsd.csd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/** A small in-memory device and helpers to load kernels into it. */
final class Fixture implements AutoCloseable {
    /** 8 zones of 64 LBAs (capacity 48) of 4 KiB. */
    static final ZoneGeometry GEOMETRY = ZoneGeometry.of(8, 4096, 64, 48);

    final ZonedDevice zns;
    final ComputationalStorageDevice csd;

    Fixture() {
        this(CsdConfig.DEFAULTS.withMemoryBytes(64L << 20).withLimits(ExecutionLimits.DEFAULTS.withMaxMemoryBytes(8L << 20)));
    }

    Fixture(CsdConfig config) {
        this(ZonedDevices.memory(GEOMETRY), config);
    }

    Fixture(ZonedDevice zns, CsdConfig config) {
        this.zns = zns;
        this.csd = new ComputationalStorageDevice(zns, config);
    }

    /** Loads and activates bundled kernel {@code name} into {@code slot}. */
    Fixture kernel(int slot, String name, EngineKind engine) {
        csd.loadElf(slot, name, BundledKernels.get(name), ProgramOptions.DEFAULTS.withEngine(engine));
        csd.activate(slot);
        return this;
    }

    /** Loads and activates assembler text into {@code slot} with the OpenCSD ABI. */
    Fixture asm(int slot, String text) {
        return asm(slot, text, HelperAbi.OPENCSD);
    }

    Fixture asm(int slot, String text, HelperAbi abi) {
        csd.load(slot, "asm", Assembler.assembleProgram(text), ProgramOptions.DEFAULTS.withEngine(EngineKind.INTERPRETER).withAbi(abi));
        csd.activate(slot);
        return this;
    }

    /** Fills zone {@code zone} with demo data from {@code seed}; returns its bytes. */
    byte[] fillDemo(int zone, long seed) {
        DemoData.fillZone(zns, zone, seed);
        return DemoData.bytes(seed, (int) (GEOMETRY.zoneCapacity() * GEOMETRY.lbaSize()));
    }

    /** A grant of zone {@code zone}'s written capacity. */
    static LbaGrant zoneGrant(int zone) {
        return LbaGrant.of(LbaRange.read(GEOMETRY.zoneStart(zone), GEOMETRY.zoneCapacity()));
    }

    CsdResult runStandalone(int slot, LbaGrant grant) {
        return csd.execute(ExecuteRequest.standalone(slot, grant, GEOMETRY.lbaSize()));
    }

    static long u64(byte[] b, int offset) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    static int u32(byte[] b, int offset) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    @Override
    public void close() {
        csd.close();
        zns.close();
    }
}
