package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.List;
import java.util.Locale;

/**
 * Turns instructions back into the {@link Assembler}'s text syntax. Jump and call targets are
 * printed as signed slot offsets ({@code +3}); a slot with no mnemonic (an invalid opcode, or an
 * encoding the mnemonic cannot express exactly) is printed as {@code .raw 0x...}, so that
 * assembling the output always reproduces the bytecode. Stateless; thread-safe.
 */
public final class Disassembler {
    private Disassembler() {}

    /** The whole program, one line per instruction ({@code lddw} takes one line for two slots). */
    public static String disassemble(Program program) {
        StringBuilder sb = new StringBuilder();
        List<Instruction> list = program.instructions();
        for (int pc = 0; pc < list.size(); pc++) {
            Instruction in = list.get(pc);
            if (in.opcode() == LDDW && pc + 1 < list.size()) {
                sb.append(lddw(in, list.get(pc + 1))).append('\n');
                pc++;
            } else {
                sb.append(disassemble(in)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The text of the instruction at {@code pc} of {@code program} (both slots for {@code lddw}). */
    public static String disassemble(Program program, int pc) {
        Instruction in = program.instruction(pc);
        if (in.opcode() == LDDW && pc + 1 < program.length()) return lddw(in, program.instruction(pc + 1));
        return disassemble(in);
    }

    /** The text of one slot; {@code lddw} needs {@link #disassemble(Program, int)} for its value. */
    public static String disassemble(Instruction in) {
        String text = mnemonic(in);
        if (text != null) {
            try {
                List<Instruction> back = Assembler.assemble(text);
                if (back.size() == 1 && back.get(0).equals(in)) return text;
            } catch (AssemblerException e) {
                // fall through to .raw
            }
        }
        return raw(in);
    }

    private static String raw(Instruction in) {
        return String.format(Locale.ROOT, ".raw 0x%016x", in.encode());
    }

    private static String lddw(Instruction lo, Instruction hi) {
        if (lo.src() != 0 || lo.offset() != 0 || hi.opcode() != 0 || hi.dst() != 0 || hi.src() != 0
                || hi.offset() != 0 || lo.dst() > 10) {
            return raw(lo) + "\n" + disassemble(hi);
        }
        long v = (lo.imm() & 0xffffffffL) | (long) hi.imm() << 32;
        return String.format(Locale.ROOT, "lddw %%r%d, 0x%x", lo.dst(), v);
    }

    private static String mnemonic(Instruction in) {
        int opc = in.opcode();
        return switch (cls(opc)) {
            case CLS_ALU, CLS_ALU64 -> alu(in);
            case CLS_JMP, CLS_JMP32 -> jump(in);
            case CLS_LDX -> {
                String sx = mode(opc) == MODE_MEMSX ? "s" : "";
                yield "ldx" + sx + Mnemonics.SIZE.get(size(opc) >> 3) + " " + reg(in.dst()) + ", " + mem(in.src(), in.offset());
            }
            case CLS_ST -> "st" + Mnemonics.SIZE.get(size(opc) >> 3) + " " + mem(in.dst(), in.offset()) + ", " + in.imm();
            case CLS_STX -> store(in);
            default -> null;
        };
    }

    private static String store(Instruction in) {
        int opc = in.opcode();
        if (mode(opc) == MODE_ATOMIC) {
            String name = Mnemonics.atomicName(in.imm());
            if (name == null) return null;
            boolean fetch = (in.imm() & ATOMIC_FETCH) != 0 && !name.equals("xchg") && !name.equals("cmpxchg");
            String w = size(opc) == SIZE_W ? "32" : "";
            return "lock " + (fetch ? "fetch " : "") + name + w + " " + mem(in.dst(), in.offset()) + ", " + reg(in.src());
        }
        return "stx" + Mnemonics.SIZE.get(size(opc) >> 3) + " " + mem(in.dst(), in.offset()) + ", " + reg(in.src());
    }

    private static String alu(Instruction in) {
        int opc = in.opcode();
        boolean is32 = cls(opc) == CLS_ALU;
        String w = is32 ? "32" : "";
        int op = op(opc);
        if (op == ALU_NEG) return "neg" + w + " " + reg(in.dst());
        if (op == ALU_END) {
            String kind = is32 ? (isRegSource(opc) ? "be" : "le") : "bswap";
            return kind + in.imm() + " " + reg(in.dst());
        }
        if (op == ALU_MOV && isRegSource(opc) && in.offset() != 0) {
            return "movsx" + in.offset() + (is32 ? "32" : "64") + " " + reg(in.dst()) + ", " + reg(in.src());
        }
        String name = (op >> 4) < Mnemonics.ALU.size() ? Mnemonics.ALU.get(op >> 4) : null;
        if (name == null) return null;
        if ((op == ALU_DIV || op == ALU_MOD) && in.offset() == 1) name = "s" + name;
        return name + w + " " + reg(in.dst()) + ", " + source(in);
    }

    private static String jump(Instruction in) {
        int opc = in.opcode();
        boolean is32 = cls(opc) == CLS_JMP32;
        int op = op(opc);
        if (op == JMP_EXIT) return "exit";
        if (op == JMP_CALL) {
            if (isRegSource(opc)) return "call " + reg(in.dst());
            if (in.src() == CALL_LOCAL) return "call local " + signed(in.imm());
            return "call " + in.imm();
        }
        if (op == JMP_JA) return is32 ? "ja32 " + signed(in.imm()) : "ja " + signed(in.offset());
        String name = (op >> 4) < Mnemonics.JUMP.size() ? Mnemonics.JUMP.get(op >> 4) : null;
        if (name == null) return null;
        return name + (is32 ? "32" : "") + " " + reg(in.dst()) + ", " + source(in) + ", " + signed(in.offset());
    }

    private static String source(Instruction in) {
        return isRegSource(in.opcode()) ? reg(in.src()) : Integer.toString(in.imm());
    }

    private static String reg(int r) {
        return "%r" + r;
    }

    private static String signed(int v) {
        return v >= 0 ? "+" + v : Integer.toString(v);
    }

    private static String mem(int r, int off) {
        if (off == 0) return "[" + reg(r) + "]";
        return "[" + reg(r) + (off > 0 ? "+" : "-") + Math.abs(off) + "]";
    }
}
