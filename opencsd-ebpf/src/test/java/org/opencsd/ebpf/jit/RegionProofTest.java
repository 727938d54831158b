package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.Decoder;
import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.VmOptions;

/** {@link RegionProof}: which accesses it proves, and that proven accesses still fault exactly. */
class RegionProofTest {
    /** data[(in[0] << 3) + off]: proven in the data region, bounds still checked by the array. */
    private static String lookup(int shift, int off) {
        return "ldxb %r2, [%r1]\nlsh %r2, " + shift + "\nlddw %r3, 0x600000000\nadd %r3, %r2\n"
                + "ldxdw %r0, [%r3+" + off + "]\nstdw [%r3+" + off + "], 1\nexit";
    }

    private static Program program(String asm) {
        return new Program(Assembler.assemble(asm), 0, Map.of(), new byte[0], new byte[64]);
    }

    private static Map<Integer, Integer> proven(Program p) {
        DecodedProgram dp = Decoder.decode(p, HelperRegistry.empty());
        return RegionProof.of(dp, new Block(0, dp.length(), dp.length(), dp.length() - 1));
    }

    @Test
    void provesConstantRegionPlusBoundedOffset() {
        assertEquals(Map.of(5, Region.DATA.id(), 6, Region.DATA.id()), proven(program(lookup(3, 8))));
    }

    @Test
    void provesNothingForUnboundedOrUnknownOffsets() {
        assertEquals(Map.of(), proven(program(lookup(31, 0)))); // 255 << 31 is past 2^31
        assertEquals(Map.of(), proven(program("lddw %r3, 0x600000000\nadd %r3, %r1\nldxb %r0, [%r3]\nexit")));
        assertEquals(Map.of(), proven(program(
                "ldxb %r2, [%r1]\nlddw %r3, 0x600000000\nadd %r3, %r2\ncall 1\nldxb %r0, [%r3]\nexit")));
    }

    @Test
    void provenAccessesPastTheRegionFaultAsInTheInterpreter() {
        for (int first : new int[] {0, 7, 8, 200}) {
            Program p = program(lookup(3, 8));
            JitCompilerTest.assertSame(new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS),
                    JitCompiler.compile(p, HelperRegistry.empty(), VmOptions.DEFAULTS), new byte[] {(byte) first});
        }
    }
}
