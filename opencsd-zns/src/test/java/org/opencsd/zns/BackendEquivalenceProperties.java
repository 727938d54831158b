package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random command sequences give the same statuses, zones and data on the memory and the file
 * backend, and an image reopened after the sequence shows exactly the same device.
 */
class BackendEquivalenceProperties {
    record Op(int kind, int zone, int blocks, boolean offTarget) {}

    private static final ZoneGeometry G = ZoneGeometry.of(6, 512, 32, 24).withLimits(2, 3)
            .withTransferLimits(8 * 512, 0).withOptions(false, 64);

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 10),
                Arbitraries.of(false, false, false, true)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void memoryAndFileBackendsAgreeAndImagesReopenIdentically(@ForAll("programs") List<Op> program) throws IOException {
        Path dir = Files.createTempDirectory("zns-prop");
        Path img = dir.resolve("p.img");
        try {
            ZonedDevice mem = ZonedDevices.memory(G);
            try (ZonedDevice file = ZonedDevices.create(img, G)) {
                for (Op op : program) {
                    assertEquals(run(mem, op), run(file, op), "outcome of " + op);
                    assertEquals(mem.zones(), file.zones(), "zones after " + op);
                }
            }
            try (ZonedDevice reopened = ZonedDevices.openReadOnly(img)) {
                assertEquals(mem.zones(), reopened.zones());
                for (int z = 0; z < G.zoneCount(); z++) {
                    if (mem.zone(z).state() == ZoneState.OFFLINE) continue;
                    assertArrayEquals(mem.read(G.zoneStart(z), (int) G.zoneSize()),
                            reopened.read(G.zoneStart(z), (int) G.zoneSize()), "data of zone " + z);
                }
            }
        } finally {
            Files.deleteIfExists(img);
            Files.deleteIfExists(dir);
        }
    }

    /** Runs one command; returns its outcome as text (result or status). */
    private static String run(ZonedDevice d, Op op) {
        try {
            long start = G.zoneStart(op.zone());
            ZoneDescriptor z = d.zone(op.zone());
            long wp = z.writePointer() == -1 ? start : z.writePointer();
            byte[] data = Pattern.of(wp, op.blocks(), G.lbaSize());
            return switch (op.kind()) {
                case 0, 1 -> {
                    d.write(op.offTarget() ? wp + 1 : wp, data);
                    yield "ok";
                }
                case 2, 3 -> "lba " + d.append(op.offTarget() ? start + 1 : start, java.nio.ByteBuffer.wrap(data));
                case 4 -> manage(d, op, ZoneAction.OPEN);
                case 5 -> manage(d, op, ZoneAction.CLOSE);
                case 6 -> manage(d, op, ZoneAction.FINISH);
                case 7 -> manage(d, op, ZoneAction.RESET);
                case 8 -> {
                    d.injectFault(op.zone(), op.offTarget() ? ZoneState.OFFLINE : ZoneState.READ_ONLY);
                    yield "fault";
                }
                case 9 -> {
                    d.setDescriptorExtension(start, Pattern.of(op.blocks(), 1, 64));
                    yield "zde";
                }
                case 10 -> {
                    d.powerCycle();
                    yield "power";
                }
                default -> java.util.Arrays.toString(d.read(start + op.blocks(), op.blocks()));
            };
        } catch (ZnsException e) {
            return e.getMessage();
        } catch (UncheckedIOException e) {
            throw e;
        }
    }

    private static String manage(ZonedDevice d, Op op, ZoneAction action) {
        if (op.offTarget()) d.manageAll(action);
        else d.manage(op.zone(), action);
        return action.name();
    }
}
