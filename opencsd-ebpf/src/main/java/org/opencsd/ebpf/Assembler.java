package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles the text syntax of the bpf_conformance suite: one instruction per line, registers
 * {@code %rN}, memory operands {@code [%rN+off]}, {@code #} comments, labels {@code name:} on
 * their own line, jump and call targets as labels or signed slot offsets ({@code +1}). The label
 * {@code exit}, when not defined, means the first {@code exit} instruction of the program (the
 * suite's convention). Also accepts {@code .raw 0xHHHHHHHHHHHHHHHH} (one encoded slot, as
 * {@link Instruction#encode()}), which the {@link Disassembler} emits for slots without a
 * mnemonic. Stateless; thread-safe.
 */
public final class Assembler {
    private static final Pattern MEM = Pattern.compile("\\[\\s*%?r(\\d+)\\s*(?:([+-])\\s*(\\w+))?\\s*]");
    private static final Pattern MOVSX = Pattern.compile("movsx(8|16|32)(32|64)");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_.$][\\w.$]*");

    private Assembler() {}

    /** Assembles {@code text} into a program entered at pc 0. */
    public static Program assembleProgram(String text) {
        List<Instruction> list = assemble(text);
        if (list.isEmpty()) throw new AssemblerException(1, "no instructions");
        try {
            return Program.of(list);
        } catch (BpfLoadException e) {
            throw new AssemblerException(1, e.getMessage());
        }
    }

    /** Assembles {@code text} into instruction slots. */
    public static List<Instruction> assemble(String text) {
        String[] lines = text.split("\r?\n", -1);
        Map<String, Integer> labels = new HashMap<>();
        List<Integer> lineOf = new ArrayList<>();
        List<String> stmts = new ArrayList<>();
        int pc = 0;
        java.util.TreeSet<Integer> exits = new java.util.TreeSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            while (!line.isEmpty() && line.indexOf(':') > 0 && LABEL.matcher(line.substring(0, line.indexOf(':')).trim()).matches()) {
                String name = line.substring(0, line.indexOf(':')).trim();
                if (labels.putIfAbsent(name, pc) != null) throw new AssemblerException(i + 1, "duplicate label " + name);
                line = line.substring(line.indexOf(':') + 1).trim();
            }
            if (line.isEmpty()) continue;
            String mnemonic = line.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (mnemonic.equals("exit")) exits.add(pc);
            stmts.add(line);
            lineOf.add(i + 1);
            pc += mnemonic.equals("lddw") ? 2 : 1;
        }
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            try {
                new Line(stmts.get(i), out.size(), labels, exits).emit(out);
            } catch (AssemblerException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AssemblerException(lineOf.get(i), e.getMessage() + ": " + stmts.get(i));
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** One statement being assembled at {@code pc}. */
    private record Line(String text, int pc, Map<String, Integer> labels, java.util.NavigableSet<Integer> exits) {
        void emit(List<Instruction> out) {
            String[] head = text.split("\\s+", 2);
            String m = head[0].toLowerCase(Locale.ROOT);
            String rest = head.length > 1 ? head[1].trim() : "";
            List<String> ops = operands(rest);
            if (m.equals("lock")) {
                out.add(atomic(rest));
                return;
            }
            if (m.equals("lddw")) {
                arity(ops, 2);
                long v = number(ops.get(1), 64);
                out.add(Instruction.of(LDDW, reg(ops.get(0)), 0, 0, (int) v));
                out.add(Instruction.of(0, 0, 0, 0, (int) (v >>> 32)));
                return;
            }
            out.add(single(m, rest, ops));
        }

        private Instruction single(String m, String rest, List<String> ops) {
            if (m.equals(".raw")) {
                arity(ops, 1);
                return Instruction.decode(number(ops.get(0), 64));
            }
            if (m.equals("exit")) {
                arity(ops, 0);
                return Instruction.of(EXIT, 0, 0, 0, 0);
            }
            if (m.equals("call")) return call(rest);
            if (m.startsWith("ldx")) return load(m.substring(3), ops);
            if (m.startsWith("stx")) return store(m.substring(3), ops, true);
            if (m.startsWith("st")) return store(m.substring(2), ops, false);
            if (m.startsWith("j")) return jump(m, ops);
            return alu(m, ops);
        }

        private Instruction alu(String m, List<String> ops) {
            Matcher sx = MOVSX.matcher(m);
            if (sx.matches()) {
                arity(ops, 2);
                int cls = sx.group(2).equals("64") ? CLS_ALU64 : CLS_ALU;
                return Instruction.of(cls | ALU_MOV | SRC_X, reg(ops.get(0)), reg(ops.get(1)),
                        Integer.parseInt(sx.group(1)), 0);
            }
            for (String e : new String[] {"be", "le", "bswap", "swap"}) {
                if (m.startsWith(e) && m.length() > e.length() && Character.isDigit(m.charAt(e.length()))) {
                    arity(ops, 1);
                    int width = Integer.parseInt(m.substring(e.length()));
                    int opc = switch (e) {
                        case "be" -> CLS_ALU | ALU_END | SRC_X;
                        case "le" -> CLS_ALU | ALU_END | SRC_K;
                        default -> CLS_ALU64 | ALU_END;
                    };
                    return Instruction.of(opc, reg(ops.get(0)), 0, 0, width);
                }
            }
            boolean is32 = m.endsWith("32");
            String base = is32 ? m.substring(0, m.length() - 2) : m;
            int cls = is32 ? CLS_ALU : CLS_ALU64;
            if (base.equals("neg")) {
                arity(ops, 1);
                return Instruction.of(cls | ALU_NEG, reg(ops.get(0)), 0, 0, 0);
            }
            boolean signed = base.equals("sdiv") || base.equals("smod");
            int idx = Mnemonics.ALU.indexOf(signed ? base.substring(1) : base);
            if (idx < 0) throw new IllegalArgumentException("unknown mnemonic " + m);
            arity(ops, 2);
            return operand(cls | idx << 4, reg(ops.get(0)), ops.get(1), signed ? 1 : 0);
        }

        private Instruction operand(int opc, int dst, String src, int offset) {
            if (isReg(src)) return Instruction.of(opc | SRC_X, dst, reg(src), offset, 0);
            return Instruction.of(opc | SRC_K, dst, 0, offset, (int) number(src, 32));
        }

        private Instruction jump(String m, List<String> ops) {
            if (m.equals("ja") || m.equals("ja32")) {
                arity(ops, 1);
                int off = target(ops.get(0));
                if (m.equals("ja32")) return Instruction.of(JA32, 0, 0, 0, off);
                return Instruction.of(JA, 0, 0, off16(off), 0);
            }
            boolean is32 = m.endsWith("32");
            int idx = Mnemonics.JUMP.indexOf(is32 ? m.substring(0, m.length() - 2) : m);
            if (idx <= 0) throw new IllegalArgumentException("unknown mnemonic " + m);
            arity(ops, 3);
            int cls = is32 ? CLS_JMP32 : CLS_JMP;
            Instruction in = operand(cls | idx << 4, reg(ops.get(0)), ops.get(1), 0);
            return Instruction.of(in.opcode(), in.dst(), in.src(), off16(target(ops.get(2))), in.imm());
        }

        private Instruction call(String rest) {
            String[] parts = rest.split("\\s+");
            if (parts.length == 2 && parts[0].equalsIgnoreCase("local")) {
                return Instruction.of(CALL, 0, CALL_LOCAL, 0, target(parts[1]));
            }
            if (parts.length != 1 || parts[0].isEmpty()) throw new IllegalArgumentException("bad call operands");
            if (isReg(parts[0])) return Instruction.of(CALLX, reg(parts[0]), 0, 0, 0);
            return Instruction.of(CALL, 0, CALL_HELPER, 0, (int) number(parts[0], 32));
        }

        private Instruction load(String suffix, List<String> ops) {
            arity(ops, 2);
            boolean sx = suffix.startsWith("s");
            int size = size(sx ? suffix.substring(1) : suffix);
            Matcher mem = mem(ops.get(1));
            return Instruction.of(CLS_LDX | (sx ? MODE_MEMSX : MODE_MEM) | size, reg(ops.get(0)),
                    memReg(mem), memOffset(mem), 0);
        }

        private Instruction store(String suffix, List<String> ops, boolean fromReg) {
            arity(ops, 2);
            Matcher mem = mem(ops.get(0));
            int size = size(suffix);
            if (fromReg) return Instruction.of(CLS_STX | MODE_MEM | size, memReg(mem), reg(ops.get(1)), memOffset(mem), 0);
            return Instruction.of(CLS_ST | MODE_MEM | size, memReg(mem), 0, memOffset(mem), (int) number(ops.get(1), 32));
        }

        private Instruction atomic(String rest) {
            String[] words = rest.split("\\s+", 3);
            boolean fetch = words[0].equalsIgnoreCase("fetch");
            String name = (fetch ? words[1] : words[0]).toLowerCase(Locale.ROOT);
            String tail = fetch ? (words.length > 2 ? words[2] : "") : rest.substring(words[0].length()).trim();
            boolean is32 = name.endsWith("32");
            int op = Mnemonics.atomicOp(is32 ? name.substring(0, name.length() - 2) : name, fetch);
            if (op < 0) throw new IllegalArgumentException("unknown atomic operation " + name);
            List<String> ops = operands(tail);
            arity(ops, 2);
            Matcher mem = mem(ops.get(0));
            return Instruction.of(CLS_STX | MODE_ATOMIC | (is32 ? SIZE_W : SIZE_DW), memReg(mem), reg(ops.get(1)),
                    memOffset(mem), op);
        }

        private int target(String t) {
            if (t.startsWith("+") || t.startsWith("-") || Character.isDigit(t.charAt(0))) return (int) number(t, 32);
            Integer at = labels.get(t);
            if (at == null && t.equals("exit") && !exits.isEmpty()) at = exits.first();
            if (at == null) throw new IllegalArgumentException("unknown label " + t);
            return at - pc - 1;
        }
    }

    private static int off16(int off) {
        if (off != (short) off) throw new IllegalArgumentException("jump offset " + off + " does not fit 16 bits");
        return off;
    }

    private static List<String> operands(String rest) {
        List<String> ops = new ArrayList<>();
        if (rest.isBlank()) return ops;
        for (String s : rest.split(",")) ops.add(s.trim());
        return ops;
    }

    private static void arity(List<String> ops, int n) {
        if (ops.size() != n) throw new IllegalArgumentException("expected " + n + " operands, found " + ops.size());
    }

    private static boolean isReg(String s) {
        return s.matches("%?r\\d+");
    }

    private static int reg(String s) {
        if (!isReg(s)) throw new IllegalArgumentException("expected a register, found '" + s + "'");
        int r = Integer.parseInt(s.substring(s.indexOf('r') + 1));
        if (r > 10) throw new IllegalArgumentException("no register r" + r);
        return r;
    }

    private static int size(String s) {
        int i = Mnemonics.SIZE.indexOf(s);
        if (i < 0) throw new IllegalArgumentException("unknown size '" + s + "'");
        return i << 3;
    }

    private static Matcher mem(String s) {
        Matcher m = MEM.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("expected a memory operand [%rN+off], found '" + s + "'");
        return m;
    }

    private static int memReg(Matcher m) {
        return reg("r" + m.group(1));
    }

    private static int memOffset(Matcher m) {
        if (m.group(2) == null) return 0;
        long v = number(m.group(3), 32);
        v = m.group(2).equals("-") ? -v : v;
        if (v != (short) v) throw new IllegalArgumentException("offset " + v + " does not fit 16 bits");
        return (int) v;
    }

    /**
     * Parses a decimal or {@code 0x} hex number, optionally signed; it must fit {@code bits}
     * bits as a signed or an unsigned value. Returns it sign- or zero-extended as written.
     */
    static long number(String s, int bits) {
        String t = s.trim();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) t = t.substring(1);
        long v;
        try {
            v = t.startsWith("0x") || t.startsWith("0X")
                    ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + s + "'");
        }
        if (bits == 32 && (neg ? Long.compareUnsigned(v, 1L << 31) > 0 : Long.compareUnsigned(v, 0xffffffffL) > 0)) {
            throw new IllegalArgumentException("number " + s + " does not fit 32 bits");
        }
        return neg ? -v : v;
    }
}
