package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report zones: filters, partial reports, write pointers and the 64-byte encoding. */
class ReportZonesTest {
    private static ZonedDevice mixed() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withOptions(false, 64));
        Zones.bringTo(d, 1, ZoneState.IMPLICITLY_OPENED);
        Zones.bringTo(d, 2, ZoneState.EXPLICITLY_OPENED);
        Zones.bringTo(d, 3, ZoneState.CLOSED);
        Zones.bringTo(d, 4, ZoneState.FULL);
        Zones.bringTo(d, 5, ZoneState.READ_ONLY);
        Zones.bringTo(d, 6, ZoneState.OFFLINE);
        return d;
    }

    @Test
    void eachFilterListsExactlyItsZones() {
        ZonedDevice d = mixed();
        assertEquals(8, d.reportZones(0, ReportFilter.ALL, 100, false).nrZones());
        int[][] expected = {{0, 7}, {1}, {2}, {3}, {4}, {5}, {6}};
        ZoneState[] states = {ZoneState.EMPTY, ZoneState.IMPLICITLY_OPENED, ZoneState.EXPLICITLY_OPENED,
                ZoneState.CLOSED, ZoneState.FULL, ZoneState.READ_ONLY, ZoneState.OFFLINE};
        for (int i = 0; i < states.length; i++) {
            ReportFilter f = ReportFilter.of(states[i]);
            assertEquals(i + 1, f.code());
            ZoneReport r = d.reportZones(0, f, 100, false);
            assertEquals(List.of(expected[i].length), List.of((int) r.nrZones()));
            for (int k = 0; k < expected[i].length; k++) {
                assertEquals(expected[i][k], r.descriptors().get(k).zoneIndex());
            }
        }
    }

    @Test
    void partialReportsCountOnlyWhatIsReturned() {
        ZonedDevice d = mixed();
        ZoneReport full = d.reportZones(16, ReportFilter.ALL, 3, false);
        assertEquals(7, full.nrZones()); // zones 1..7 match, 3 returned
        assertEquals(3, full.descriptors().size());
        ZoneReport partial = d.reportZones(16, ReportFilter.ALL, 3, true);
        assertEquals(3, partial.nrZones());
        assertEquals(1, partial.descriptors().getFirst().zoneIndex());
        ZoneReport fromMiddle = d.reportZones(17, ReportFilter.EMPTY, 10, true); // LBA 17 is in zone 1
        assertEquals(1, fromMiddle.nrZones());
        assertEquals(7, fromMiddle.descriptors().getFirst().zoneIndex());
        Zones.fails(NvmeStatus.LBA_OUT_OF_RANGE, () -> d.reportZones(8 * 16, ReportFilter.ALL, 1, true));
    }

    @Test
    void writePointersAreTheStartWhenEmptyAndAllOnesWithoutAWritePointer() {
        ZonedDevice d = mixed();
        assertEquals(0, d.zone(0).writePointer());
        assertEquals(17, d.zone(1).writePointer());
        assertEquals(32, d.zone(2).writePointer());
        assertEquals(49, d.zone(3).writePointer());
        for (int z = 4; z <= 6; z++) assertEquals(-1L, d.zone(z).writePointer());
    }

    @Test
    void descriptorsEncodeTheReferenceLayout() {
        ZonedDevice d = mixed();
        byte[] ext = new byte[64];
        for (int i = 0; i < 64; i++) ext[i] = (byte) (i + 1);
        d.setDescriptorExtension(7 * 16, ext);
        ZoneReport r = d.reportZones(3 * 16, ReportFilter.ALL, 10, true);
        byte[] bytes = r.encode();
        assertEquals(64 + 5 * 64, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getLong(0));
        for (int i = 8; i < 64; i++) assertEquals(0, bytes[i], "reserved header byte " + i);
        int at = 64; // zone 3: Closed, wp 49
        assertEquals(2, bytes[at]);
        assertEquals(0x40, bytes[at + 1]);
        assertEquals(0, bytes[at + 2]);
        assertEquals(12, b.getLong(at + 8));
        assertEquals(48, b.getLong(at + 16));
        assertEquals(49, b.getLong(at + 24));
        at += 64; // zone 4: Full
        assertEquals((byte) 0xE0, bytes[at + 1]);
        assertEquals(-1L, b.getLong(at + 24));
        at += 3 * 64; // zone 7: Closed by Set ZDE, extension valid
        assertEquals(0x40, bytes[at + 1]);
        assertEquals((byte) 0x80, bytes[at + 2]);
        assertEquals(112, b.getLong(at + 24));
        byte[] extended = r.encode(true, 64);
        assertEquals(64 + 5 * 128, extended.length);
        byte[] got = new byte[64];
        ByteBuffer.wrap(extended).get(64 + 4 * 128 + 64, got);
        assertArrayEquals(ext, got);
    }
}
