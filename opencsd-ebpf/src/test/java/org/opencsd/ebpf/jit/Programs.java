package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.List;

import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Program;

/** Hand-built programs for the compiler tests. Stateless. */
final class Programs {
    private Programs() {}

    /**
     * A program of exactly {@code slots} slots: an outer loop running {@code rounds} times over a
     * long straight-line body of ALU operations, {@code lddw}s, stack stores and loads and
     * forward conditional jumps, so that blocks, segments and units all have to be split and
     * control crosses segment boundaries backwards and forwards.
     */
    static Program huge(int slots, int rounds) {
        List<Instruction> code = new ArrayList<>();
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 0, 0, 0, 1));
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 9, 0, 0, rounds));
        code.add(Instruction.of(CLS_ST | MODE_MEM | SIZE_DW, FP, 0, -8, 7));
        int top = code.size();
        int tail = 4;
        int i = 0;
        while (code.size() < slots - tail) {
            int left = slots - tail - code.size();
            switch (i++ % 6) {
                case 0 -> code.add(Instruction.of(CLS_ALU64 | ALU_MUL, 0, 0, 0, 3));
                case 1 -> code.add(Instruction.of(CLS_ALU | ALU_ADD, 0, 0, 0, i));
                case 2 -> {
                    if (left >= 2) {
                        code.add(Instruction.of(LDDW, 1, 0, 0, i));
                        code.add(Instruction.of(0, 0, 0, 0, i >>> 3));
                        code.add(Instruction.of(CLS_ALU64 | ALU_XOR | SRC_X, 0, 1, 0, 0));
                    } else {
                        code.add(Instruction.of(CLS_ALU64 | ALU_ADD, 0, 0, 0, 1));
                    }
                }
                case 3 -> code.add(Instruction.of(CLS_STX | MODE_MEM | SIZE_W, FP, 0, -16, 0));
                case 4 -> code.add(Instruction.of(CLS_LDX | MODE_MEM | SIZE_H, 2, FP, -15, 0));
                default -> {
                    if (left >= 2) code.add(Instruction.of(CLS_JMP | JMP_JSET, 0, 0, 1, 2));
                    code.add(Instruction.of(CLS_ALU64 | ALU_ADD, 0, 0, 0, 5));
                }
            }
        }
        while (code.size() > slots - tail) code.removeLast();
        code.add(Instruction.of(CLS_ALU64 | ALU_SUB, 9, 0, 0, 1));
        code.add(Instruction.of(CLS_JMP | JMP_JEQ, 9, 0, 1, 0));
        code.add(Instruction.of(JA32, 0, 0, 0, top - code.size() - 1));
        code.add(Instruction.of(EXIT, 0, 0, 0, 0));
        return Program.of(code);
    }

    /**
     * {@code functions} functions of about {@code size} slots each, all called from the entry
     * function both by {@code call} and by {@code callx}, summing their results into r6.
     */
    static Program manyFunctions(int functions, int size) {
        List<Instruction> code = new ArrayList<>();
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 6, 0, 0, 0));
        List<int[]> fixups = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 1, 0, 0, f));
            fixups.add(new int[] {code.size(), f});
            code.add(Instruction.of(CALL, 0, CALL_LOCAL, 0, 0));
            code.add(Instruction.of(CLS_ALU64 | ALU_ADD | SRC_X, 6, 0, 0, 0));
            fixups.add(new int[] {code.size(), f});
            code.add(Instruction.of(LDDW, 2, LDDW_FUNC, 0, 0));
            code.add(Instruction.of(0, 0, 0, 0, 0));
            code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 1, 0, 0, f + 1));
            code.add(Instruction.of(CALLX, 2, 0, 0, 0));
            code.add(Instruction.of(CLS_ALU64 | ALU_XOR | SRC_X, 6, 0, 0, 0));
        }
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV | SRC_X, 0, 6, 0, 0));
        code.add(Instruction.of(EXIT, 0, 0, 0, 0));
        int[] starts = new int[functions];
        for (int f = 0; f < functions; f++) {
            starts[f] = code.size();
            code.add(Instruction.of(CLS_ALU64 | ALU_MOV | SRC_X, 0, 1, 0, 0));
            for (int k = 0; k < size - 3; k++) {
                code.add(Instruction.of(CLS_ALU64 | (k % 2 == 0 ? ALU_MUL : ALU_ADD), 0, 0, 0, k + f));
            }
            code.add(Instruction.of(CLS_ALU64 | ALU_ADD, 0, 0, 0, f));
            code.add(Instruction.of(EXIT, 0, 0, 0, 0));
        }
        for (int[] fx : fixups) {
            code.set(fx[0], code.get(fx[0]).withImm(starts[fx[1]] - fx[0] - 1));
        }
        return Program.of(code);
    }
}
