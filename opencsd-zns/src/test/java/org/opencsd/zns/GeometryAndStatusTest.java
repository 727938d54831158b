package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Impossible geometry is rejected; statuses carry the reference's codes and nvme-cli's names. */
class GeometryAndStatusTest {
    private static void invalid(String fragment, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith("invalid geometry: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void impossibleGeometryIsRejectedWithOneLine() {
        invalid("exceeds the zone size", () -> ZoneGeometry.of(4, 4096, 16, 17));
        invalid("zone count", () -> ZoneGeometry.of(0, 4096, 16, 16));
        invalid("power of two", () -> ZoneGeometry.of(4, 3000, 16, 16));
        invalid("power of two", () -> ZoneGeometry.of(4, 256, 16, 16));
        invalid("at least one LBA", () -> ZoneGeometry.of(4, 4096, 0, 0));
        invalid("exceeds the active limit", () -> ZoneGeometry.of(4, 4096, 16, 16).withLimits(3, 2));
        invalid("multiple of 64", () -> ZoneGeometry.of(4, 4096, 16, 16).withOptions(false, 65));
        invalid("ZASL", () -> ZoneGeometry.of(4, 4096, 16, 16).withTransferLimits(1000, 0));
    }

    @Test
    void openLimitDefaultsToTheActiveLimitAsQemuDoes() {
        assertEquals(3, ZoneGeometry.of(4, 4096, 16, 16).withLimits(0, 3).maxOpen());
    }

    @Test
    void statusValuesAreDnrSctSc() {
        assertEquals(0x41bc, NvmeStatus.ZONE_INVALID_WRITE.value());
        assertEquals(0x1bc, NvmeStatus.ZONE_INVALID_WRITE.code());
        assertEquals("Zone Invalid Write (0x1bc)", NvmeStatus.ZONE_INVALID_WRITE.label());
        assertEquals("NVMe status: Zone Invalid Write: The write to zone was not at the write pointer offset(0x41bc)",
                NvmeStatus.ZONE_INVALID_WRITE.nvmeCliMessage());
        assertEquals("NVMe status: Zoned Boundary Error: Invalid Zone Boundary crossing(0x41b8)",
                NvmeStatus.ZONE_BOUNDARY_ERROR.nvmeCliMessage());
        assertEquals(0x4002, NvmeStatus.INVALID_FIELD.value());
        assertEquals(0x4080, NvmeStatus.LBA_OUT_OF_RANGE.value());
        assertEquals(0x0281, NvmeStatus.UNRECOVERED_READ_ERROR.value());
        int[] zoneCodes = {0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF};
        NvmeStatus[] zone = {NvmeStatus.INVALID_ZONE_OPERATION_REQUEST, NvmeStatus.ZRWA_RESOURCES_UNAVAILABLE,
                NvmeStatus.ZONE_BOUNDARY_ERROR, NvmeStatus.ZONE_IS_FULL, NvmeStatus.ZONE_IS_READ_ONLY,
                NvmeStatus.ZONE_IS_OFFLINE, NvmeStatus.ZONE_INVALID_WRITE, NvmeStatus.TOO_MANY_ACTIVE_ZONES,
                NvmeStatus.TOO_MANY_OPEN_ZONES, NvmeStatus.INVALID_ZONE_STATE_TRANSITION};
        for (int i = 0; i < zone.length; i++) {
            assertEquals(0x4100 | zoneCodes[i], zone[i].value(), zone[i].name());
        }
    }

    @Test
    void zoneStatesHaveTheReferenceCodes() {
        int[] codes = {1, 2, 3, 4, 0xD, 0xE, 0xF};
        ZoneState[] s = ZoneState.values();
        for (int i = 0; i < s.length; i++) {
            assertEquals(codes[i], s[i].code());
            assertEquals(s[i], ZoneState.ofCode(codes[i]));
        }
        assertEquals(0x10, ZoneState.EMPTY.descriptorByte());
    }
}
