package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Interpreter semantics beyond the conformance suite: faults, budget, frames, helpers, threads. */
class InterpreterTest {
    static ExecutionResult run(String asm, byte[] input, HelperRegistry helpers, VmOptions options) {
        Program p = Assembler.assembleProgram(asm);
        return new Interpreter(p, helpers, options).execute(input);
    }

    static VmFault fault(String asm, byte[] input) {
        return assertThrows(VmFault.class, () -> run(asm, input, StandardHelpers.registry(), VmOptions.DEFAULTS));
    }

    @Test
    void outOfBoundsFaultCarriesPcAddressSizeAndRegion() {
        VmFault f = fault("mov %r0, 0\nldxw %r0, [%r1+6]\nexit", new byte[8]);
        assertEquals(FaultKind.OUT_OF_BOUNDS, f.kind());
        assertEquals(1, f.pc());
        assertEquals(Region.INPUT.base() + 6, f.address());
        assertEquals(4, f.accessSize());
        assertEquals(Region.INPUT, f.region());
        assertEquals("out-of-bounds access at pc 1: 4 bytes at 0x400000006 (region input, offset 0x6)", f.getMessage());
    }

    @Test
    void nullAndNegativeAddressesFault() {
        assertEquals(FaultKind.UNMAPPED, fault("ldxb %r0, [%r1]\nexit", null).kind());
        VmFault below = fault("mov %r2, %r10\nadd %r2, -4097\nldxb %r0, [%r2]\nexit", null);
        assertEquals(FaultKind.UNMAPPED, below.kind()); // wraps into the code region, which is never mapped
        assertEquals(Region.CODE, below.region());
        VmFault above = fault("mov %r2, %r10\nldxb %r0, [%r2]\nexit", null);
        assertEquals(FaultKind.OUT_OF_BOUNDS, above.kind());
        assertEquals(Region.STACK, above.region());
        assertEquals(FaultKind.UNMAPPED, fault("lddw %r1, 0x7fffffff00000000\nldxb %r0, [%r1]\nexit", null).kind());
    }

    @Test
    void writesToReadOnlyDataFault() {
        Program p = new Program(Assembler.assemble("lddw %r1, 0x500000000\nstb [%r1], 1\nmov %r0, 0\nexit"), 0,
                java.util.Map.of(), new byte[] {9}, new byte[0]);
        VmFault f = assertThrows(VmFault.class, () -> new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS).execute(null));
        assertEquals(FaultKind.READ_ONLY, f.kind());
        assertEquals(Region.RODATA, f.region());
        Program read = new Program(Assembler.assemble("lddw %r1, 0x500000000\nldxb %r0, [%r1]\nexit"), 0,
                java.util.Map.of(), new byte[] {9}, new byte[0]);
        assertEquals(9, new Interpreter(read, HelperRegistry.empty(), VmOptions.DEFAULTS).execute(null).r0());
    }

    @Test
    void misalignedAtomicFaults() {
        VmFault f = fault("stdw [%r10-16], 0\nmov %r1, 1\nmov %r2, %r10\nadd %r2, -12\nlock add [%r2], %r1\nexit", null);
        assertEquals(FaultKind.MISALIGNED, f.kind());
        assertEquals(4, f.pc());
    }

    @Test
    void budgetIsExactPerInstruction() {
        String loop = "mov %r0, 0\nloop:\nadd %r0, 1\nja loop";
        VmFault f = assertThrows(VmFault.class, () -> run(loop, null, HelperRegistry.empty(), VmOptions.DEFAULTS.withMaxInstructions(10)));
        assertEquals(FaultKind.BUDGET_EXHAUSTED, f.kind());
        assertEquals(2, f.pc()); // instructions 1..10 are pcs 0,1,2,1,2,1,2,1,2,1; the 11th is pc 2
        ExecutionResult r = run("mov %r0, 1\nlddw %r1, 5\nexit", null, HelperRegistry.empty(), VmOptions.DEFAULTS.withMaxInstructions(3));
        assertEquals(3, r.instructions());
    }

    @Test
    void localCallsSaveCalleeSavedRegistersAndGetTheirOwnFrame() {
        ExecutionResult r = run("""
                mov %r6, 7
                stdw [%r10-8], 11
                call local f
                ldxdw %r1, [%r10-8]
                add %r0, %r1
                add %r0, %r6
                exit
                f:
                stdw [%r10-8], 100
                mov %r6, 1000
                ldxdw %r0, [%r10-8]
                exit""", null, HelperRegistry.empty(), VmOptions.DEFAULTS);
        assertEquals(100 + 11 + 7, r.r0());
    }

    @Test
    void callDepthIsLimitedToEightFrames() {
        VmFault f = fault("lddw %r1, 0x100000000\ncall %r1\nexit", null);
        assertEquals(FaultKind.CALL_DEPTH, f.kind());
        assertEquals(2, f.pc());
    }

    @Test
    void callxToNonFunctionFaults() {
        assertEquals(FaultKind.BAD_CALL_TARGET, fault("mov %r1, 77\ncall %r1\nexit", null).kind());
        assertEquals(FaultKind.BAD_CALL_TARGET, fault("lddw %r1, 0x100000004\ncall %r1\nexit", null).kind());
    }

    @Test
    void helperExceptionsBecomeFaults() {
        HelperRegistry h = HelperRegistry.builder()
                .add(1, "boom", 0, (ctx, a, b, c, d, e) -> { throw new IllegalStateException("kaput"); })
                .add(2, "refuse", 0, (ctx, a, b, c, d, e) -> { throw ctx.fail("no"); })
                .add(3, "peek", 1, (ctx, a, b, c, d, e) -> ctx.load32(a))
                .build();
        VmFault boom = assertThrows(VmFault.class, () -> run("call 1\nexit", null, h, VmOptions.DEFAULTS));
        assertEquals(FaultKind.HELPER_ERROR, boom.kind());
        assertEquals("helper boom failed: java.lang.IllegalStateException: kaput at pc 0", boom.getMessage());
        assertEquals("no at pc 1", assertThrows(VmFault.class, () -> run("mov %r0, 0\ncall 2\nexit", null, h, VmOptions.DEFAULTS)).getMessage());
        assertEquals(0x04030201L, run("call 3\nexit", new byte[] {1, 2, 3, 4}, h, VmOptions.DEFAULTS).r0());
        VmFault oob = assertThrows(VmFault.class, () -> run("add %r1, 2\ncall 3\nexit", new byte[] {1, 2, 3, 4}, h, VmOptions.DEFAULTS));
        assertEquals(FaultKind.OUT_OF_BOUNDS, oob.kind());
        assertEquals(1, oob.pc());
    }

    @Test
    void hostRegionsAreMappedAndChecked() {
        Program p = Assembler.assembleProgram("lddw %r1, 0x900000000\nldxb %r0, [%r1+1]\nstb [%r1], 42\nexit");
        VmMemory m = VmMemory.forProgram(p, VmOptions.DEFAULTS);
        byte[] host = {0, 5};
        m.map(9, host, true);
        assertEquals(5, new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS).execute(m, 0, 0, null).r0());
        assertEquals(42, host[0]);
        m.map(9, new byte[] {0, 5}, false);
        VmFault f = assertThrows(VmFault.class, () -> new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS).execute(m, 0, 0, null));
        assertEquals(FaultKind.READ_ONLY, f.kind());
        assertEquals(Region.HOST, f.region());
        assertNull(m.region(10));
    }

    @Test
    void oneInterpreterServesManyThreads() throws Exception {
        Program p = Assembler.assembleProgram("""
                mov %r0, 0
                loop:
                jeq %r2, 0, done
                ldxb %r3, [%r1]
                add %r0, %r3
                add %r1, 1
                sub %r2, 1
                ja loop
                done:
                exit""");
        Interpreter vm = new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                byte[] in = new byte[10_000];
                java.util.Arrays.fill(in, (byte) t);
                results.add(pool.submit(() -> vm.execute(in).r0()));
            }
            for (int t = 0; t < 16; t++) assertEquals(10_000L * t, results.get(t).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAtomicAddsOnSharedHostMemoryAreAtomic() throws Exception {
        Program p = Assembler.assembleProgram("""
                lddw %r1, 0x800000000
                mov %r2, 1
                mov %r3, 0
                loop:
                lock add [%r1], %r2
                add %r3, 1
                jne %r3, 10000, loop
                mov %r0, 0
                exit""");
        Interpreter vm = new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS);
        byte[] shared = new byte[8];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    VmMemory m = VmMemory.forProgram(p, VmOptions.DEFAULTS);
                    m.map(8, shared, true);
                    vm.execute(m, 0, 0, null);
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40_000L, (long) VmMemory.I64.get(shared, 0));
    }
}
