package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opencsd.zns.NvmeStatus.INVALID_ZONE_STATE_TRANSITION;
import static org.opencsd.zns.ZoneState.CLOSED;
import static org.opencsd.zns.ZoneState.EMPTY;
import static org.opencsd.zns.ZoneState.EXPLICITLY_OPENED;
import static org.opencsd.zns.ZoneState.FULL;
import static org.opencsd.zns.ZoneState.IMPLICITLY_OPENED;
import static org.opencsd.zns.ZoneState.OFFLINE;
import static org.opencsd.zns.ZoneState.READ_ONLY;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Zone Management Send action from every state, as the reference's transition table says. */
class TransitionTest {
    /** action, from, expected state (null = Invalid Zone State Transition). */
    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, ZoneAction.OPEN, EXPLICITLY_OPENED, EXPLICITLY_OPENED, EXPLICITLY_OPENED, EXPLICITLY_OPENED, null, null, null);
        row(rows, ZoneAction.CLOSE, null, CLOSED, CLOSED, CLOSED, null, null, null);
        row(rows, ZoneAction.FINISH, FULL, FULL, FULL, FULL, FULL, null, null);
        row(rows, ZoneAction.RESET, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, null, null);
        row(rows, ZoneAction.OFFLINE, null, null, null, null, null, OFFLINE, OFFLINE);
        return rows.stream();
    }

    /** Targets from Empty, Impl. Open, Expl. Open (with data), Closed, Full, Read Only, Offline. */
    private static void row(List<Arguments> rows, ZoneAction a, ZoneState... to) {
        ZoneState[] from = {EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED, FULL, READ_ONLY, OFFLINE};
        for (int i = 0; i < from.length; i++) rows.add(Arguments.of(a, from[i], to[i]));
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @MethodSource("table")
    void transition(ZoneAction action, ZoneState from, ZoneState expected) {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(4, 6));
        Zones.bringTo(d, 2, from);
        if (from == EXPLICITLY_OPENED) d.append(2, Zones.blocks(d.geometry(), 1, 2)); // wp != start
        if (expected == null) {
            Zones.failsUnchanged(d, INVALID_ZONE_STATE_TRANSITION, dev -> dev.manage(2, action));
        } else {
            d.manage(2, action);
            assertEquals(expected, d.zone(2).state());
        }
    }

    @Test
    void closingAnOpenZoneAtItsStartMakesItEmptyAndReleasesItsActiveResource() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(1, 1));
        d.manage(0, ZoneAction.OPEN);
        d.manage(0, ZoneAction.CLOSE);
        assertEquals(EMPTY, d.zone(0).state());
        d.manage(1, ZoneAction.OPEN); // would be Too Many Active if zone 0 still held a resource
        assertEquals(EXPLICITLY_OPENED, d.zone(1).state());
    }

    @Test
    void writesOpenImplicitlyAndKeepOpenZonesAsTheyAre() {
        ZonedDevice d = ZonedDevices.memory(Zones.small());
        byte[] one = Zones.blocks(d.geometry(), 1, 0);
        d.write(0, one);
        assertEquals(IMPLICITLY_OPENED, d.zone(0).state());
        Zones.bringTo(d, 1, CLOSED);
        d.append(1, one);
        assertEquals(IMPLICITLY_OPENED, d.zone(1).state());
        Zones.bringTo(d, 2, EXPLICITLY_OPENED);
        d.append(2, one);
        assertEquals(EXPLICITLY_OPENED, d.zone(2).state());
        d.append(0, one);
        assertEquals(IMPLICITLY_OPENED, d.zone(0).state());
    }

    @Test
    void aWriteReachingTheCapacityFillsTheZoneAndReleasesItsResources() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(1, 1));
        d.append(0, Zones.blocks(d.geometry(), 12, 0));
        assertEquals(FULL, d.zone(0).state());
        assertEquals(ZoneDescriptor.NO_WRITE_POINTER, d.zone(0).writePointer());
        d.append(1, Zones.blocks(d.geometry(), 1, 0)); // resources were released
        assertEquals(IMPLICITLY_OPENED, d.zone(1).state());
    }

    @Test
    void setDescriptorExtensionTakesAnEmptyZoneToClosedAndNothingElse() {
        ZoneGeometry g = Zones.small().withOptions(false, 64);
        for (ZoneState from : ZoneState.values()) {
            ZonedDevice d = ZonedDevices.memory(g);
            Zones.bringTo(d, 3, from);
            byte[] ext = new byte[64];
            ext[0] = 42;
            if (from == EMPTY) {
                d.setDescriptorExtension(g.zoneStart(3), ext);
                ZoneDescriptor z = d.zone(3);
                assertEquals(CLOSED, z.state());
                assertEquals(ZoneDescriptor.ATTR_EXTENSION_VALID, z.attributes());
                assertArrayEquals(ext, z.extension());
                assertEquals(z.startLba(), z.writePointer());
            } else {
                Zones.failsUnchanged(d, INVALID_ZONE_STATE_TRANSITION,
                        dev -> dev.setDescriptorExtension(g.zoneStart(3), ext));
            }
        }
    }

    @Test
    void resetClearsTheDescriptorExtension() {
        ZoneGeometry g = Zones.small().withOptions(false, 64);
        ZonedDevice d = ZonedDevices.memory(g);
        d.setDescriptorExtension(0, new byte[64]);
        d.manage(0, ZoneAction.RESET);
        assertEquals(EMPTY, d.zone(0).state());
        assertEquals(0, d.zone(0).attributes());
        assertEquals(0, d.zone(0).extension().length);
    }

    @Test
    void selectAllAppliesEachActionOnlyWhereTheReferenceSaysItIsLegal() {
        ZoneState[] layout = {EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED, FULL, READ_ONLY, OFFLINE, EMPTY};
        record Case(ZoneAction action, ZoneState[] expected) {}
        List<Case> cases = List.of(
                new Case(ZoneAction.OPEN, new ZoneState[] {EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED,
                        EXPLICITLY_OPENED, FULL, READ_ONLY, OFFLINE, EMPTY}),
                new Case(ZoneAction.CLOSE, new ZoneState[] {EMPTY, CLOSED, EMPTY, CLOSED, FULL, READ_ONLY,
                        OFFLINE, EMPTY}),
                new Case(ZoneAction.FINISH, new ZoneState[] {EMPTY, FULL, FULL, FULL, FULL, READ_ONLY,
                        OFFLINE, EMPTY}),
                new Case(ZoneAction.RESET, new ZoneState[] {EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, READ_ONLY,
                        OFFLINE, EMPTY}),
                new Case(ZoneAction.OFFLINE, new ZoneState[] {EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED,
                        CLOSED, FULL, OFFLINE, OFFLINE, EMPTY}));
        for (Case c : cases) {
            ZonedDevice d = ZonedDevices.memory(Zones.small());
            for (int z = 0; z < layout.length; z++) Zones.bringTo(d, z, layout[z]);
            d.manageAll(c.action());
            for (int z = 0; z < layout.length; z++) {
                assertEquals(c.expected()[z], d.zone(z).state(), c.action() + " all, zone " + z);
            }
        }
    }

    @Test
    void selectAllRejectsSetDescriptorExtension() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withOptions(false, 64));
        Zones.failsUnchanged(d, NvmeStatus.INVALID_FIELD,
                dev -> dev.manage(0L, ZoneAction.SET_ZONE_DESCRIPTOR_EXTENSION, true));
    }

    @Test
    void faultInjectionReleasesResourcesAndPowerCycleClosesOpenZones() {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 2));
        Zones.bringTo(d, 0, IMPLICITLY_OPENED);
        Zones.bringTo(d, 1, EXPLICITLY_OPENED);
        d.injectFault(0, READ_ONLY);
        Zones.bringTo(d, 2, EXPLICITLY_OPENED); // zone 0 gave its resources back
        d.powerCycle();
        assertEquals(READ_ONLY, d.zone(0).state());
        assertEquals(EMPTY, d.zone(1).state()); // nothing written: Empty
        assertEquals(EMPTY, d.zone(2).state());
        Zones.bringTo(d, 3, IMPLICITLY_OPENED);
        d.powerCycle();
        assertEquals(CLOSED, d.zone(3).state());
        assertEquals(d.zone(3).startLba() + 1, d.zone(3).writePointer());
    }
}
