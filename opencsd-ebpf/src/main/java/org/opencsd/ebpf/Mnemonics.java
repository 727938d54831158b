package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.List;

/**
 * The names of the text syntax shared by {@link Assembler} and {@link Disassembler} (the syntax
 * of the bpf_conformance suite). Stateless; thread-safe.
 */
final class Mnemonics {
    private Mnemonics() {}

    /** ALU operation names indexed by {@code op >> 4} ({@code null}: not a two-operand op). */
    static final List<String> ALU = java.util.Arrays.asList(
            "add", "sub", "mul", "div", "or", "and", "lsh", "rsh", null, "mod", "xor", "mov", "arsh");

    /** Jump names indexed by {@code op >> 4} ({@code null}: not a conditional jump). */
    static final List<String> JUMP = java.util.Arrays.asList(
            "ja", "jeq", "jgt", "jge", "jset", "jne", "jsgt", "jsge", null, null, "jlt", "jle", "jslt", "jsle");

    /** Size suffixes indexed by {@code size >> 3}: W, H, B, DW. */
    static final List<String> SIZE = List.of("w", "h", "b", "dw");

    /** Atomic operation names by imm without FETCH. */
    static String atomicName(int op) {
        return switch (op & ~ATOMIC_FETCH) {
            case ATOMIC_ADD -> "add";
            case ATOMIC_OR -> "or";
            case ATOMIC_AND -> "and";
            case ATOMIC_XOR -> "xor";
            case ATOMIC_XCHG & ~ATOMIC_FETCH -> "xchg";
            case ATOMIC_CMPXCHG & ~ATOMIC_FETCH -> "cmpxchg";
            default -> null;
        };
    }

    /** The atomic imm for a name, or -1. */
    static int atomicOp(String name, boolean fetch) {
        return switch (name) {
            case "add" -> ATOMIC_ADD | (fetch ? ATOMIC_FETCH : 0);
            case "or" -> ATOMIC_OR | (fetch ? ATOMIC_FETCH : 0);
            case "and" -> ATOMIC_AND | (fetch ? ATOMIC_FETCH : 0);
            case "xor" -> ATOMIC_XOR | (fetch ? ATOMIC_FETCH : 0);
            case "xchg" -> ATOMIC_XCHG;
            case "cmpxchg" -> ATOMIC_CMPXCHG;
            default -> -1;
        };
    }
}
