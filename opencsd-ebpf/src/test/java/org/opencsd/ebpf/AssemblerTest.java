package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Assembler details the conformance suite does not exercise, and its error messages. */
class AssemblerTest {
    private static String error(String text) {
        return assertThrows(AssemblerException.class, () -> Assembler.assemble(text)).getMessage();
    }

    @Test
    void labelsMayShareALineAndTargetsMayBeOffsets() {
        List<Instruction> a = Assembler.assemble("start: mov %r0, 0\nja start\njeq %r0, 0, -2\nexit");
        assertEquals(-2, a.get(1).offset());
        assertEquals(-2, a.get(2).offset());
    }

    @Test
    void encodesCallVariantsGotolAndRawSlots() {
        List<Instruction> a = Assembler.assemble("call 7\ncall local +1\ncall %r3\nja32 +70000\n.raw 0x0000000000000095");
        assertEquals(Instruction.of(Opcodes.CALL, 0, Opcodes.CALL_HELPER, 0, 7), a.get(0));
        assertEquals(Instruction.of(Opcodes.CALL, 0, Opcodes.CALL_LOCAL, 0, 1), a.get(1));
        assertEquals(Instruction.of(Opcodes.CALLX, 3, 0, 0, 0), a.get(2));
        assertEquals(Instruction.of(Opcodes.JA32, 0, 0, 0, 70000), a.get(3));
        assertEquals(Instruction.of(Opcodes.EXIT, 0, 0, 0, 0), a.get(4));
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("line 2: unknown label nowhere: ja nowhere", error("mov %r0, 0\nja nowhere\nexit"));
        assertEquals("line 1: expected 2 operands, found 3: mov %r0, 1, 2", error("mov %r0, 1, 2"));
        assertEquals("line 1: number 0x100000000 does not fit 32 bits: mov %r0, 0x100000000", error("mov %r0, 0x100000000"));
        assertEquals("line 1: no register r11: mov %r11, 1", error("mov %r11, 1"));
        assertEquals("line 1: jump offset 40000 does not fit 16 bits: ja +40000", error("ja +40000"));
        assertEquals("line 3: duplicate label a", error("a:\nexit\na:\nexit"));
        assertEquals("line 1: expected a memory operand [%rN+off], found '%r1': ldxw %r0, %r1", error("ldxw %r0, %r1"));
        assertEquals("line 1: no instructions", assertThrows(AssemblerException.class,
                () -> Assembler.assembleProgram("# nothing\n")).getMessage());
    }
}
