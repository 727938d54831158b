package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opencsd.zns.NvmeStatus.INVALID_FIELD;
import static org.opencsd.zns.NvmeStatus.LBA_OUT_OF_RANGE;
import static org.opencsd.zns.NvmeStatus.ZONE_BOUNDARY_ERROR;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_OFFLINE;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reads: zeroes past the write pointer, zone boundaries, Offline zones, reset zeroing. */
class ReadTest {
    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void lbasPastTheWritePointerReadAsZeroes() {
        ZonedDevice d = ZonedDevices.memory(Zones.small());
        byte[] data = Zones.blocks(d.geometry(), 3, 1);
        d.append(0, data);
        assertArrayEquals(concat(data, new byte[5 * 4096]), d.read(0, 8));
        assertArrayEquals(new byte[16 * 4096], d.read(16, 16)); // an Empty zone
    }

    @Test
    void readsMayNotCrossAZoneBoundaryUnlessEnabled() {
        ZonedDevice d = ZonedDevices.memory(Zones.small());
        Zones.failsUnchanged(d, ZONE_BOUNDARY_ERROR, dev -> dev.read(15, 2));
        ZoneGeometry cross = Zones.small().withOptions(true, 0);
        ZonedDevice c = ZonedDevices.memory(cross);
        byte[] a = Zones.blocks(cross, 12, 1);
        byte[] b = Zones.blocks(cross, 2, 2);
        c.append(0, a);
        c.append(1, b);
        // LBAs 12..15 are beyond ZCAP: zeroes
        assertArrayEquals(concat(Arrays.copyOfRange(a, 11 * 4096, 12 * 4096), new byte[4 * 4096], b),
                c.read(11, 7));
    }

    @Test
    void offlineZonesCannotBeReadReadOnlyOnesCan() {
        ZoneGeometry g = Zones.small().withOptions(true, 0);
        ZonedDevice d = ZonedDevices.memory(g);
        byte[] data = Zones.blocks(g, 2, 3);
        d.append(1, data);
        d.injectFault(1, ZoneState.READ_ONLY);
        assertArrayEquals(data, d.read(16, 2));
        d.manage(1, ZoneAction.OFFLINE);
        Zones.failsUnchanged(d, ZONE_IS_OFFLINE, dev -> dev.read(16, 1));
        Zones.failsUnchanged(d, ZONE_IS_OFFLINE, dev -> dev.read(15, 2)); // crossing into it
    }

    @Test
    void readChecksTransferSizeThenRange() {
        ZonedDevice d = ZonedDevices.memory(ZoneGeometry.of(2, 512, 64, 64).withTransferLimits(0, 4 * 512));
        Zones.failsUnchanged(d, INVALID_FIELD, dev -> dev.read(1000, 5));
        Zones.failsUnchanged(d, LBA_OUT_OF_RANGE, dev -> dev.read(127, 2));
    }

    @Test
    void zoneSizesThatAreNotPowersOfTwoAddressTheRightZones() {
        ZoneGeometry g = ZoneGeometry.of(5, 512, 24, 20).withOptions(true, 0);
        ZonedDevice d = ZonedDevices.memory(g);
        byte[] a = Zones.blocks(g, 20, 1);
        byte[] b = Zones.blocks(g, 3, 2);
        d.append(1, a);
        assertEquals(48, d.append(2, b));
        d.write(51, b);
        assertEquals(ZoneState.FULL, d.zone(1).state());
        assertEquals(54, d.zone(2).writePointer());
        assertArrayEquals(concat(Arrays.copyOfRange(a, 19 * 512, 20 * 512), new byte[4 * 512], b, b),
                d.read(43, 11));
        Zones.failsUnchanged(d, NvmeStatus.ZONE_INVALID_WRITE, dev -> dev.write(73, b));
        Zones.failsUnchanged(d, NvmeStatus.INVALID_FIELD, dev -> dev.append(25, java.nio.ByteBuffer.wrap(b)));
    }

    @Test
    void resetReallyZeroesTheData() {
        ZonedDevice d = ZonedDevices.memory(Zones.small());
        d.append(2, Zones.blocks(d.geometry(), 12, 9));
        d.manage(2, ZoneAction.RESET);
        d.manage(2, ZoneAction.FINISH); // Full without writing: reads show what the medium holds
        assertArrayEquals(new byte[12 * 4096], d.read(32, 12));
    }
}
