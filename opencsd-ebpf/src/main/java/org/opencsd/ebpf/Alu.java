package org.opencsd.ebpf;

/**
 * The less frequent ALU and comparison semantics, shared by the engines so that they agree
 * bit for bit. Stateless; thread-safe.
 */
public final class Alu {
    private Alu() {}

    /**
     * 32-bit division or modulo ({@link MicroOp#DIV32_K} to {@link MicroOp#SMOD32_X}), result
     * zero-extended: division by zero gives 0, modulo by zero leaves the (truncated) dividend;
     * {@code INT_MIN / -1 = INT_MIN}, {@code INT_MIN % -1 = 0}.
     */
    public static long div32(int microOp, int a, int b) {
        int result = switch (microOp) {
            case MicroOp.DIV32_K, MicroOp.DIV32_X -> b == 0 ? 0 : Integer.divideUnsigned(a, b);
            case MicroOp.SDIV32_K, MicroOp.SDIV32_X -> b == 0 ? 0 : a / b;
            case MicroOp.MOD32_K, MicroOp.MOD32_X -> b == 0 ? a : Integer.remainderUnsigned(a, b);
            default -> b == 0 ? a : a % b;
        };
        return result & 0xffffffffL;
    }

    /**
     * A 32-bit conditional: {@code cond} is the index in JEQ, JGT, JGE, JSET, JNE, JSGT, JSGE,
     * JLT, JLE, JSLT, JSLE order.
     */
    public static boolean cond32(int cond, int a, int b) {
        return switch (cond) {
            case 0 -> a == b;
            case 1 -> Integer.compareUnsigned(a, b) > 0;
            case 2 -> Integer.compareUnsigned(a, b) >= 0;
            case 3 -> (a & b) != 0;
            case 4 -> a != b;
            case 5 -> a > b;
            case 6 -> a >= b;
            case 7 -> Integer.compareUnsigned(a, b) < 0;
            case 8 -> Integer.compareUnsigned(a, b) <= 0;
            case 9 -> a < b;
            default -> a <= b;
        };
    }
}
