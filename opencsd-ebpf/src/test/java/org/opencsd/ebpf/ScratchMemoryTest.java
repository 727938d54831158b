package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ScratchMemory}: reused memories start every execution in the state of a fresh one. */
class ScratchMemoryTest {
    /** Reads a data byte, a stack word and a heap word, then overwrites all three. */
    private static final String DIRTY = """
            lddw %r1, 0x600000000
            lddw %r3, 0x%x
            ldxb %r0, [%r1]
            ldxdw %r2, [%r10-8]
            add %r0, %r2
            ldxdw %r2, [%r3]
            add %r0, %r2
            stb [%r1], 7
            stdw [%r10-8], 5
            stdw [%r3], 11
            exit
            """.replace("0x%x", "0x" + Long.toHexString(Region.HEAP.base()));

    @Test
    void everyExecutionSeesZeroedStackAndHeapAndFreshData() {
        Program p = new Program(Assembler.assemble(DIRTY), 0, Map.of(), new byte[0], new byte[] {3});
        Interpreter engine = new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS.withHeapSize(64));
        for (int i = 0; i < 3; i++) assertEquals(3, engine.execute(new byte[16]).r0());
        assertEquals(3, p.data()[0]);
    }

    @Test
    void inputIsMappedAndNotRetained() {
        Program p = Assembler.assembleProgram("lddw %r2, 0x400000000\nldxb %r0, [%r2+1]\nstb [%r2], 9\nexit");
        Interpreter engine = new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS);
        byte[] in = {1, 2};
        assertEquals(2, engine.execute(in).r0());
        assertEquals(9, in[0]);
        assertEquals(FaultKind.UNMAPPED,
                org.junit.jupiter.api.Assertions.assertThrows(VmFault.class, () -> engine.execute(null)).kind());
    }
}
