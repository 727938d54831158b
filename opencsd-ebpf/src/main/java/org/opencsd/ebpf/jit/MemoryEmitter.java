package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;

import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.VmMemory;

/**
 * Bytecode for loads, stores and atomics. Every access goes through {@link JitMemory}, which
 * translates and checks it exactly as the interpreter does, except accesses proven to stay in
 * the current stack frame: frame-pointer based with a constant offset in
 * {@code [-FRAME_SIZE, -size]}. Since r10 is read-only and is the top of a frame of a standard
 * stack (checked once per execution), such an access needs no translation and indexes the stack
 * array directly. Atomics go through the interpreter's shared implementation. Stateless.
 */
final class MemoryEmitter {
    private MemoryEmitter() {}

    /** Emits the memory micro-op {@code op} at {@code pc}; returns false for other micro-ops. */
    static boolean emit(CodeBuilder cob, int op, int d, int s, int off, long k, int pc) {
        if (op >= MicroOp.LDXB && op <= MicroOp.LDXSW) {
            load(cob, op, d, s, off, pc);
        } else if (op >= MicroOp.STB && op <= MicroOp.STXDW) {
            store(cob, op, d, s, off, k, pc);
        } else if (op == MicroOp.ATOMIC32 || op == MicroOp.ATOMIC64) {
            atomic(cob, op == MicroOp.ATOMIC64 ? 8 : 4, d, s, off, (int) k, pc);
        } else {
            return false;
        }
        return true;
    }

    /** Whether an access of {@code size} bytes at r{base} + {@code off} is proven inside the frame. */
    static boolean inFrame(int base, int off, int size) {
        return base == Opcodes.FP && off >= -VmMemory.FRAME_SIZE && off + size <= 0;
    }

    private static void load(CodeBuilder cob, int op, int d, int s, int off, int pc) {
        String name = switch (op) {
            case MicroOp.LDXB -> "ldxb";
            case MicroOp.LDXH -> "ldxh";
            case MicroOp.LDXW -> "ldxw";
            case MicroOp.LDXDW -> "ldxdw";
            case MicroOp.LDXSB -> "ldxsb";
            case MicroOp.LDXSH -> "ldxsh";
            default -> "ldxsw";
        };
        int size = switch (op) {
            case MicroOp.LDXB, MicroOp.LDXSB -> 1;
            case MicroOp.LDXH, MicroOp.LDXSH -> 2;
            case MicroOp.LDXDW -> 8;
            default -> 4;
        };
        if (inFrame(s, off, size)) {
            stackOffset(cob, off);
            cob.invokestatic(Descs.MEMORY, stackName(name), Descs.STACK_LOAD);
        } else {
            cob.aload(Frame.RD);
            address(cob, s, off);
            cob.loadConstant(pc).invokestatic(Descs.MEMORY, name, Descs.LOAD);
        }
        cob.lstore(reg(d));
    }

    private static void store(CodeBuilder cob, int op, int d, int s, int off, long k, int pc) {
        boolean imm = op <= MicroOp.STDW;
        int width = imm ? op - MicroOp.STB : op - MicroOp.STXB;
        String name = switch (width) {
            case 0 -> "stb";
            case 1 -> "sth";
            case 2 -> "stw";
            default -> "stdw";
        };
        int size = 1 << width;
        if (inFrame(d, off, size)) {
            stackOffset(cob, off);
            value(cob, imm, s, k);
            cob.invokestatic(Descs.MEMORY, stackName(name), Descs.STACK_STORE);
        } else {
            cob.aload(Frame.WR).aload(Frame.RD);
            address(cob, d, off);
            value(cob, imm, s, k);
            cob.loadConstant(pc).invokestatic(Descs.MEMORY, name, Descs.STORE);
        }
    }

    private static void value(CodeBuilder cob, boolean imm, int s, long k) {
        if (imm) cob.loadConstant(k);
        else cob.lload(reg(s));
    }

    private static String stackName(String name) {
        return "stack" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Pushes the stack-array index of r10 + {@code off}. */
    private static void stackOffset(CodeBuilder cob, int off) {
        cob.aload(Frame.STACK).lload(reg(Opcodes.FP)).l2i().loadConstant(off).iadd();
    }

    /** Pushes the virtual address r{base} + {@code off}. */
    private static void address(CodeBuilder cob, int base, int off) {
        cob.lload(reg(base));
        if (off != 0) cob.loadConstant((long) off).ladd();
    }

    private static void atomic(CodeBuilder cob, int size, int d, int s, int off, int op, int pc) {
        RegisterFile.spill(cob, d);
        if (s != d) RegisterFile.spill(cob, s);
        if (d != 0 && s != 0) RegisterFile.spill(cob, 0);
        cob.aload(Frame.STATE).loadConstant(d).loadConstant(s).loadConstant(off).loadConstant(op)
                .loadConstant(size).loadConstant(pc).invokestatic(Descs.RUNTIME, "atomic", Descs.ATOMIC);
        if (op == Opcodes.ATOMIC_CMPXCHG) RegisterFile.reload(cob, 0);
        else if ((op & Opcodes.ATOMIC_FETCH) != 0) RegisterFile.reload(cob, s);
    }
}
