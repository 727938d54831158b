package org.opencsd.bench.jit;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.List;

import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Program;

/**
 * A verifiable program of a given number of slots with the instruction mix of compiled kernels:
 * ALU operations, {@code lddw}, loads from the input and the stack, stores to the stack and
 * forward conditional jumps every few instructions. Used to measure compile time. Stateless.
 */
final class SyntheticProgram {
    private SyntheticProgram() {}

    /** A program of exactly {@code slots} slots (at least 8). */
    static Program of(int slots) {
        List<Instruction> code = new ArrayList<>();
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV, 0, 0, 0, 0));
        code.add(Instruction.of(CLS_ALU64 | ALU_MOV | SRC_X, 6, 1, 0, 0));
        code.add(Instruction.of(CLS_ST | MODE_MEM | SIZE_DW, FP, 0, -8, 1));
        int i = 0;
        while (code.size() < slots - 1) {
            int left = slots - 1 - code.size();
            switch (i++ % 8) {
                case 0 -> code.add(Instruction.of(CLS_LDX | MODE_MEM | SIZE_W, 2, 6, 4 * (i % 64), 0));
                case 1 -> code.add(Instruction.of(CLS_ALU64 | ALU_ADD | SRC_X, 0, 2, 0, 0));
                case 2 -> code.add(Instruction.of(CLS_ALU64 | ALU_MUL, 0, 0, 0, 31));
                case 3 -> code.add(Instruction.of(CLS_STX | MODE_MEM | SIZE_DW, FP, 0, -16, 0));
                case 4 -> code.add(Instruction.of(CLS_LDX | MODE_MEM | SIZE_DW, 3, FP, -8, 0));
                case 5 -> {
                    if (left >= 2) {
                        code.add(Instruction.of(LDDW, 4, 0, 0, i));
                        code.add(Instruction.of(0, 0, 0, 0, -i));
                    } else {
                        code.add(Instruction.of(CLS_ALU | ALU_XOR, 0, 0, 0, i));
                    }
                }
                case 6 -> code.add(Instruction.of(left >= 2 ? CLS_JMP | JMP_JGT | SRC_X : CLS_ALU64 | ALU_OR | SRC_X,
                        0, 3, left >= 2 ? 1 : 0, 0));
                default -> code.add(Instruction.of(CLS_ALU64 | ALU_XOR | SRC_X, 0, 3, 0, 0));
            }
        }
        code.add(Instruction.of(EXIT, 0, 0, 0, 0));
        return Program.of(code);
    }
}
