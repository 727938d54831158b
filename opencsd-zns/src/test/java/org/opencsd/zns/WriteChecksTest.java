package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opencsd.zns.NvmeStatus.INVALID_FIELD;
import static org.opencsd.zns.NvmeStatus.LBA_OUT_OF_RANGE;
import static org.opencsd.zns.NvmeStatus.TOO_MANY_ACTIVE_ZONES;
import static org.opencsd.zns.NvmeStatus.TOO_MANY_OPEN_ZONES;
import static org.opencsd.zns.NvmeStatus.ZONE_BOUNDARY_ERROR;
import static org.opencsd.zns.NvmeStatus.ZONE_INVALID_WRITE;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_FULL;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_OFFLINE;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_READ_ONLY;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The write checks, each status, and that each check comes before the next one. */
class WriteChecksTest {
    /** 8 zones of 16 LBAs (cap 12), MDTS 8 LBAs, ZASL 4 LBAs. */
    private static ZoneGeometry limited(int lba) {
        return ZoneGeometry.of(8, lba, 16, 12).withTransferLimits(4L * lba, 8L * lba);
    }

    private static ZonedDevice device(int lba) {
        return ZonedDevices.memory(limited(lba));
    }

    private static byte[] n(ZonedDevice d, int blocks) {
        return Zones.blocks(d.geometry(), blocks, blocks);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void check1TransferOverMdtsIsInvalidFieldEvenOutOfRange(int lba) {
        ZonedDevice d = device(lba);
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.write(0, n(dev, 9)));
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.write(1 << 20, n(dev, 9))); // before check 2
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.write(0, new byte[lba / 2])); // not whole LBAs
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void check2RangeOutsideTheNamespaceIsLbaOutOfRange(int lba) {
        ZonedDevice d = device(lba);
        Zones.failsUnchanged(d, LBA_OUT_OF_RANGE, dev -> dev.write(8 * 16, n(dev, 1)));
        Zones.failsUnchanged(d, LBA_OUT_OF_RANGE, dev -> dev.write(8 * 16 - 1, n(dev, 2)));
        Zones.failsUnchanged(d, LBA_OUT_OF_RANGE, dev -> dev.write(-1, n(dev, 1)));
        // an append at a non-zone-start outside the namespace: check 2 comes before check 3
        Zones.failsUnchanged(d, LBA_OUT_OF_RANGE, dev -> dev.append(8 * 16 + 3, ByteBuffer.wrap(n(dev, 1))));
        assertEquals(0x4080, LBA_OUT_OF_RANGE.value());
    }

    @Test
    void check3AppendMustStartAtAZoneStartAndFitInZasl() {
        ZonedDevice d = device(4096);
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.append(3, ByteBuffer.wrap(n(dev, 1))));
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.append(0, ByteBuffer.wrap(n(dev, 5))));
        // ZASL comes before the zone state: a Full zone still answers Invalid Field
        d.manage(1, ZoneAction.FINISH);
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.append(16, ByteBuffer.wrap(n(dev, 5))));
        assertEquals(0, d.append(0, n(d, 4)));
    }

    @Test
    void appendLimitFallsBackToMdtsWhenZaslIsZero() {
        ZonedDevice d = ZonedDevices.memory(ZoneGeometry.of(2, 4096, 16, 16).withTransferLimits(0, 8 * 4096));
        assertEquals(0, d.append(0, n(d, 8)));
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.append(16, ByteBuffer.wrap(n(dev, 9))));
    }

    @Test
    void check4ZoneStateFullReadOnlyOfflineComeBeforeTheWritePointerCheck() {
        ZonedDevice d = device(4096);
        Zones.bringTo(d, 0, ZoneState.FULL);
        Zones.bringTo(d, 1, ZoneState.READ_ONLY);
        Zones.bringTo(d, 2, ZoneState.OFFLINE);
        // LBA 5 is not the write pointer either: the state check wins
        Zones.failsUnchanged(d, ZONE_IS_FULL, dev -> dev.write(5, n(dev, 1)));
        Zones.failsUnchanged(d, ZONE_IS_READ_ONLY, dev -> dev.write(16 + 5, n(dev, 1)));
        Zones.failsUnchanged(d, ZONE_IS_OFFLINE, dev -> dev.write(32 + 5, n(dev, 1)));
        Zones.failsUnchanged(d, ZONE_IS_FULL, dev -> dev.append(0, n(dev, 1)));
        Zones.failsUnchanged(d, ZONE_IS_READ_ONLY, dev -> dev.append(1, n(dev, 1)));
        Zones.failsUnchanged(d, ZONE_IS_OFFLINE, dev -> dev.append(2, n(dev, 1)));
    }

    @Test
    void check5WriteNotAtTheWritePointerIsZoneInvalidWrite() {
        ZonedDevice d = device(4096);
        d.write(0, n(d, 2));
        ZnsException e = Zones.fails(ZONE_INVALID_WRITE, () -> d.write(3, n(d, 1)));
        assertEquals("Zone Invalid Write (0x1bc): write at LBA 0x3 is not at the write pointer 0x2 of zone 0 "
                + "[status 0x41bc]", e.getMessage());
        Zones.failsUnchanged(d, ZONE_INVALID_WRITE, dev -> dev.write(1, n(dev, 1)));
        // a write past the capacity that is also not at the write pointer: check 5 first
        Zones.failsUnchanged(d, ZONE_INVALID_WRITE, dev -> dev.write(12, n(dev, 1)));
        d.write(2, n(d, 1));
        assertEquals(3, d.zone(0).writePointer());
    }

    @Test
    void check6CrossingTheZoneCapacityIsZoneBoundaryError() {
        ZonedDevice d = device(4096);
        d.write(0, n(d, 8));
        d.write(8, n(d, 2));
        Zones.failsUnchanged(d, ZONE_BOUNDARY_ERROR, dev -> dev.write(10, n(dev, 3)));
        Zones.failsUnchanged(d, ZONE_BOUNDARY_ERROR, dev -> dev.append(0, n(dev, 3)));
        assertEquals(10, d.append(0, n(d, 2)));
        assertEquals(ZoneState.FULL, d.zone(0).state());
        // LBAs between ZCAP and ZSZE can never be written
        Zones.failsUnchanged(d, ZONE_IS_FULL, dev -> dev.write(12, n(dev, 1)));
        // a write crossing into the next zone is a boundary error too
        d.write(16, n(d, 8));
        d.write(24, n(d, 3));
        Zones.failsUnchanged(d, ZONE_BOUNDARY_ERROR, dev -> dev.write(27, n(dev, 6)));
    }

    @Test
    void check7TooManyActiveComesBeforeTooManyOpen() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 2));
        d.manage(0, ZoneAction.OPEN);
        d.manage(1, ZoneAction.OPEN);
        // active 2/2 and open 2/2, all explicit: no auto-close, and Active is reported first
        Zones.failsUnchanged(d, TOO_MANY_ACTIVE_ZONES, dev -> dev.write(32, n(dev, 1)));
        Zones.failsUnchanged(d, TOO_MANY_ACTIVE_ZONES, dev -> dev.manage(2, ZoneAction.OPEN));
    }

    @Test
    void tooManyOpenComesOnlyWhenEveryOpenZoneIsExplicit() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 3));
        d.append(0, n(d, 1));
        d.manage(0, ZoneAction.CLOSE); // Closed: active, not open
        d.manage(1, ZoneAction.OPEN);
        d.manage(2, ZoneAction.OPEN);
        Zones.failsUnchanged(d, TOO_MANY_OPEN_ZONES, dev -> dev.write(1, n(dev, 1)));
        Zones.failsUnchanged(d, TOO_MANY_OPEN_ZONES, dev -> dev.manage(0, ZoneAction.OPEN));
    }

    @Test
    void implicitOpenAtMorAutoClosesTheOldestImplicitlyOpenedZone() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 4));
        d.append(3, n(d, 1)); // oldest
        d.append(1, n(d, 1));
        d.append(3, n(d, 1)); // writing again does not make it younger
        d.append(5, n(d, 1)); // open count at MOR: zone 3 closes
        assertEquals(ZoneState.CLOSED, d.zone(3).state());
        assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(1).state());
        assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(5).state());
        d.manage(6, ZoneAction.OPEN); // explicit opens auto-close too: zone 1 is now oldest
        assertEquals(ZoneState.CLOSED, d.zone(1).state());
        assertEquals(ZoneState.EXPLICITLY_OPENED, d.zone(6).state());
    }

    @Test
    void autoCloseHappensBeforeTheResourceCheckEvenWhenTheWriteFails() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 2));
        d.append(0, n(d, 1)); // implicitly open
        d.manage(1, ZoneAction.OPEN); // explicitly open; active 2/2, open 2/2
        Zones.fails(TOO_MANY_ACTIVE_ZONES, () -> d.append(2, n(d, 1)));
        assertEquals(ZoneState.CLOSED, d.zone(0).state(), "the quirk: zone 0 was auto-closed");
        assertEquals(ZoneState.EMPTY, d.zone(2).state());
        assertEquals(1, d.zone(0).writePointer());
    }

    @Test
    void appendReturnsTheAssignedLbaAndDataReadsBack() {
        for (int lba : new int[] {512, 4096}) {
            ZonedDevice d = ZonedDevices.memory(ZoneGeometry.of(4, lba, 32, 20));
            byte[] a = n(d, 3);
            byte[] b = n(d, 2);
            assertEquals(64, d.append(2, a));
            assertEquals(67, d.append(2, b));
            assertArrayEquals(a, d.read(64, 3));
            assertArrayEquals(b, d.read(67, 2));
            assertEquals(69, d.zone(2).writePointer());
        }
    }

    @Test
    void failedCommandsAreCountedAndSuccessesByKind() {
        ZonedDevice d = device(4096);
        d.append(0, n(d, 2));
        d.write(2, n(d, 1));
        d.read(0, 3);
        d.manage(0, ZoneAction.FINISH);
        Zones.fails(ZONE_IS_FULL, () -> d.write(0, n(d, 1)));
        IoStats s = d.stats();
        assertEquals(2 * 4096, s.bytesAppended());
        assertEquals(4096, s.bytesWritten());
        assertEquals(3 * 4096, s.bytesRead());
        assertEquals(1, s.commands(CommandKind.APPEND));
        assertEquals(1, s.commands(CommandKind.WRITE));
        assertEquals(1, s.commands(CommandKind.READ));
        assertEquals(1, s.commands(CommandKind.FINISH));
        assertEquals(1, s.failures());
    }
}
