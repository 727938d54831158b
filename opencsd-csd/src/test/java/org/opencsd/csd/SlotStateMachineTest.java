package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opencsd.ebpf.jit.EngineKind;

/** Program slots: every legal transition, every illegal one with its error, and load-time checks. */
class SlotStateMachineTest {
    private static final byte[] EMPTY = BundledKernels.get("empty");

    private static void fails(CsdError expected, Executable op) {
        assertEquals(expected, assertThrows(CsdException.class, op).error());
    }

    @Test
    void loadActivateExecuteDeactivateUnload() {
        try (Fixture f = new Fixture()) {
            var csd = f.csd;
            assertEquals(SlotState.EMPTY, csd.slot(2).state());
            csd.loadElf(2, "empty", EMPTY, ProgramOptions.DEFAULTS);
            assertEquals(SlotState.LOADED, csd.slot(2).state());
            assertEquals("empty", csd.slot(2).program().name());
            fails(CsdError.NOT_ACTIVE, () -> csd.execute(ExecuteRequest.of(2, LbaGrant.none(), null)));
            csd.activate(2);
            assertEquals(SlotState.ACTIVE, csd.slot(2).state());
            assertEquals(0, csd.execute(ExecuteRequest.of(2, LbaGrant.none(), null)).value());
            csd.deactivate(2);
            assertEquals(SlotState.LOADED, csd.slot(2).state());
            csd.unload(2);
            assertEquals(SlotState.EMPTY, csd.slot(2).state());
            assertNull(csd.slot(2).program());
        }
    }

    @Test
    void illegalTransitionsFailWithTheirErrorAndChangeNothing() {
        try (Fixture f = new Fixture()) {
            var csd = f.csd;
            fails(CsdError.SLOT_EMPTY, () -> csd.activate(0));
            fails(CsdError.SLOT_EMPTY, () -> csd.unload(0));
            fails(CsdError.SLOT_EMPTY, () -> csd.deactivate(0));
            fails(CsdError.SLOT_EMPTY, () -> csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null)));
            csd.loadElf(0, "empty", EMPTY, ProgramOptions.DEFAULTS);
            fails(CsdError.SLOT_OCCUPIED, () -> csd.loadElf(0, "empty", EMPTY, ProgramOptions.DEFAULTS));
            fails(CsdError.NOT_ACTIVE, () -> csd.deactivate(0));
            csd.activate(0);
            fails(CsdError.ALREADY_ACTIVE, () -> csd.activate(0));
            fails(CsdError.PROGRAM_ACTIVE, () -> csd.unload(0));
            fails(CsdError.SLOT_OCCUPIED, () -> csd.loadElf(0, "empty", EMPTY, ProgramOptions.DEFAULTS));
            assertEquals(SlotState.ACTIVE, csd.slot(0).state());
            CsdException e = assertThrows(CsdException.class, () -> csd.unload(0));
            assertTrue(e.getMessage().contains("deactivate it first"), e.getMessage());
        }
    }

    @Test
    void slotNumbersOutsideTheDeviceAreRefused() {
        try (Fixture f = new Fixture()) {
            fails(CsdError.INVALID_SLOT, () -> f.csd.slot(-1));
            fails(CsdError.INVALID_SLOT, () -> f.csd.loadElf(16, "empty", EMPTY, ProgramOptions.DEFAULTS));
            fails(CsdError.INVALID_SLOT, () -> f.csd.execute(ExecuteRequest.of(99, LbaGrant.none(), null)));
        }
    }

    @Test
    void programsAreVerifiedAtLoad() {
        try (Fixture f = new Fixture()) {
            CsdException e = assertThrows(CsdException.class, () -> f.csd.loadElf(0, "junk", new byte[] {0x7f, 'E', 'L', 'F', 1},
                    ProgramOptions.DEFAULTS));
            assertEquals(CsdError.INVALID_PROGRAM, e.error());
            assertTrue(e.getMessage().startsWith("junk: "), e.getMessage());
            fails(CsdError.INVALID_PROGRAM, () -> f.asm(0, "call 99\nexit"));
            fails(CsdError.INVALID_PROGRAM, () -> f.asm(0, "ldxdw %r0, [%r10-8]\nexit"));
            assertEquals(SlotState.EMPTY, f.csd.slot(0).state(), "a refused program leaves the slot empty");
        }
    }

    @Test
    void theJitCompilesOncePerSlotAndAutoWhenHot() throws Exception {
        try (Fixture f = new Fixture().kernel(0, "empty", EngineKind.JIT).kernel(1, "empty", EngineKind.AUTO)) {
            var engine = f.csd.slot(0).program().engine();
            CsdResult r = f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null));
            assertEquals("jit", r.stats().engineLabel());
            assertTrue(engine == f.csd.slot(0).program().engine(), "the same engine serves every execution");
            assertEquals("auto/interpreter", f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).stats().engineLabel());
            for (int i = 0; i < 20; i++) f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null));
            var auto = (org.opencsd.ebpf.jit.AutoEngine) f.csd.slot(1).program().engine();
            assertTrue(auto.awaitCompiled(java.time.Duration.ofSeconds(30)));
            assertEquals("auto/jit", f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).stats().engineLabel());
        }
    }

    @Test
    void theSameObjectLoadedAgainReusesItsBuiltEngine() {
        try (Fixture f = new Fixture()) {
            byte[] hist = BundledKernels.get("byte_histogram");
            ProgramOptions jit = ProgramOptions.DEFAULTS.withEngine(EngineKind.JIT);
            f.csd.loadElf(0, "a", hist, jit);
            f.csd.loadElf(1, "b", hist.clone(), jit);
            f.csd.loadElf(2, "c", hist, ProgramOptions.DEFAULTS.withEngine(EngineKind.INTERPRETER));
            f.csd.loadElf(3, "d", EMPTY, jit);
            var first = f.csd.slot(0).program().engine();
            assertTrue(first == f.csd.slot(1).program().engine(), "same bytes and options: one engine");
            assertTrue(first != f.csd.slot(2).program().engine(), "other options: another engine");
            assertTrue(first != f.csd.slot(3).program().engine(), "other bytes: another engine");
            assertEquals("b", f.csd.slot(1).program().name(), "the slot keeps its own name");
            f.csd.unload(0);
            f.csd.loadElf(0, "again", hist, jit);
            assertTrue(first == f.csd.slot(0).program().engine(), "reloading after unload reuses it");
            f.csd.activate(1);
            f.csd.activate(2);
            assertEquals(f.csd.execute(ExecuteRequest.of(2, LbaGrant.none(), null)).value(),
                    f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).value(), "the shared engine runs like a fresh one");
        }
    }

    @Test
    void aClosedDeviceRefusesCommands() {
        Fixture f = new Fixture().kernel(0, "empty", EngineKind.INTERPRETER);
        f.close();
        fails(CsdError.DEVICE_CLOSED, () -> f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null)));
        fails(CsdError.DEVICE_CLOSED, () -> f.csd.loadElf(1, "empty", EMPTY, ProgramOptions.DEFAULTS));
    }
}
