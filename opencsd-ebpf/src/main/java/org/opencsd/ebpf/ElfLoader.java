package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads clang {@code -target bpf} relocatable objects (clang 14 to 19, {@code -mcpu=v1..v4}).
 * Every executable section is linked into one instruction image, in section order; every
 * function symbol becomes a named function of the {@link Program}. Read-only allocated data
 * ({@code .rodata}, {@code .rodata.str1.1}, ...) becomes region {@link Region#RODATA} and writable
 * data ({@code .data*}, {@code .bss*}, ...) region {@link Region#DATA}. Relocations applied:
 * {@code R_BPF_64_64} on {@code lddw} (data addresses, or function addresses for {@code callx}),
 * {@code R_BPF_64_32} on {@code call} (a helper by symbol name, or a BPF-to-BPF call), and
 * {@code R_BPF_64_ABS64} (pointers) inside data. BTF, debug and other non-allocated sections are
 * ignored. {@code callx} in clang 14's encoding (register in imm) is rewritten to the ISA's
 * (register in dst). Anything else is a {@link BpfLoadException} with one line saying what. Stateless;
 * thread-safe.
 */
public final class ElfLoader {
    static final int R_BPF_64_64 = 1;
    static final int R_BPF_64_ABS64 = 2;
    static final int R_BPF_64_ABS32 = 3;
    static final int R_BPF_64_32 = 10;
    private static final long MAX_DATA = 64L << 20;

    private final ElfFile elf;
    private final HelperRegistry helpers;
    private final Map<Integer, Integer> codeBase = new LinkedHashMap<>();
    private final Map<Integer, Long> dataAddress = new HashMap<>();
    private final List<Instruction> code = new ArrayList<>();
    private final Map<String, Integer> functions = new LinkedHashMap<>();
    private byte[] rodata = new byte[0];
    private byte[] data = new byte[0];

    private ElfLoader(byte[] bytes, HelperRegistry helpers) {
        this.elf = new ElfFile(bytes);
        this.helpers = helpers;
    }

    /**
     * Loads {@code bytes}.
     *
     * @param entry a function or executable section name; {@code null} for the default: function
     *              {@code main}, else the start of {@code .text}, else the first executable section
     * @param helpers resolves helper calls by symbol name
     * @throws BpfLoadException when the object is malformed or uses something unsupported
     */
    public static Program load(byte[] bytes, String entry, HelperRegistry helpers) {
        try {
            return new ElfLoader(bytes, helpers).link(entry);
        } catch (BpfException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BpfLoadException("truncated or corrupt ELF: " + e, e);
        }
    }

    /** Whether {@code bytes} start with the ELF magic. */
    public static boolean isElf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    private Program link(String entry) {
        layoutCode();
        layoutData();
        for (ElfFile.Section s : elf.sections) {
            if (s.type() != ElfFile.SHT_REL && s.type() != ElfFile.SHT_RELA) continue;
            if (s.info() <= 0 || s.info() >= elf.sections.size()) continue;
            ElfFile.Section target = elf.sections.get(s.info());
            boolean relevant = codeBase.containsKey(target.index()) || dataAddress.containsKey(target.index());
            if (!relevant) continue;
            if (s.type() == ElfFile.SHT_RELA) throw new BpfLoadException("RELA relocations are not supported (section " + s.name() + ")");
            for (ElfFile.Relocation r : elf.relocations(s)) relocate(target, r);
        }
        return new Program(code, entryPc(entry), functions, rodata, data);
    }

    private void layoutCode() {
        for (ElfFile.Section s : elf.sections) {
            if (!s.executable() || s.size() == 0) continue;
            if (s.size() % Instruction.SIZE != 0) {
                throw new BpfLoadException("executable section " + s.name() + " has a size not a multiple of 8");
            }
            if (code.size() + s.size() / 8 > MAX_INSTRUCTIONS) throw new BpfLoadException("program too long (over " + MAX_INSTRUCTIONS + " instructions)");
            codeBase.put(s.index(), code.size());
            functions.putIfAbsent(s.name(), code.size());
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf.contents(s)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) code.add(normalizeCallx(Instruction.decode(b.getLong())));
        }
        if (code.isEmpty()) throw new BpfLoadException("ELF object has no executable code");
        for (ElfFile.Symbol sym : elf.symbols) {
            Integer base = codeBase.get(sym.section());
            if (sym.type() == ElfFile.STT_FUNC && base != null && !sym.name().isEmpty()) {
                functions.put(sym.name(), base + checkedPc(sym.value(), sym.name()));
            }
        }
    }

    /** clang before 19 encodes {@code callx rN} with N in imm; the ISA (and clang 19) puts it in dst. */
    private static Instruction normalizeCallx(Instruction in) {
        if (in.opcode() == CALLX && in.dst() == 0 && in.imm() > 0 && in.imm() <= FP) {
            return Instruction.of(CALLX, in.imm(), in.src(), in.offset(), 0);
        }
        return in;
    }

    private int checkedPc(long byteOffset, String what) {
        if (byteOffset < 0 || byteOffset % 8 != 0 || byteOffset / 8 >= MAX_INSTRUCTIONS) {
            throw new BpfLoadException("bad code offset " + byteOffset + " for " + what);
        }
        return (int) (byteOffset / 8);
    }

    private void layoutData() {
        List<byte[]> ro = new ArrayList<>();
        List<byte[]> rw = new ArrayList<>();
        long roSize = 0;
        long rwSize = 0;
        for (ElfFile.Section s : elf.sections) {
            if (!s.allocatedData() || s.name().equals(".maps") || s.name().equals("maps")) continue;
            boolean writable = (s.flags() & ElfFile.SHF_WRITE) != 0;
            long align = Math.max(8, Math.min(4096, s.align()));
            long at = align(writable ? rwSize : roSize, align);
            if (at + s.size() > MAX_DATA) throw new BpfLoadException("data sections larger than " + (MAX_DATA >> 20) + " MiB");
            byte[] bytes = elf.contents(s);
            byte[] padded = new byte[(int) (at - (writable ? rwSize : roSize)) + bytes.length];
            System.arraycopy(bytes, 0, padded, padded.length - bytes.length, bytes.length);
            Region region = writable ? Region.DATA : Region.RODATA;
            dataAddress.put(s.index(), Region.address(region.id(), (int) at));
            if (writable) {
                rw.add(padded);
                rwSize = at + s.size();
            } else {
                ro.add(padded);
                roSize = at + s.size();
            }
        }
        rodata = concat(ro, roSize);
        data = concat(rw, rwSize);
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    private static byte[] concat(List<byte[]> parts, long size) {
        byte[] out = new byte[(int) size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private ElfFile.Symbol symbol(int index) {
        if (index <= 0 || index >= elf.symbols.size()) throw new BpfLoadException("relocation refers to bad symbol index " + index);
        return elf.symbols.get(index);
    }

    private void relocate(ElfFile.Section target, ElfFile.Relocation r) {
        ElfFile.Symbol sym = symbol(r.symbol());
        if (dataAddress.containsKey(target.index())) {
            relocateData(target, r, sym);
            return;
        }
        int base = codeBase.get(target.index());
        if (r.offset() < 0 || r.offset() % 8 != 0 || r.offset() / 8 >= target.size() / 8) {
            throw new BpfLoadException("relocation offset " + r.offset() + " outside section " + target.name());
        }
        int pc = base + (int) (r.offset() / 8);
        switch (r.type()) {
            case R_BPF_64_64 -> relocateLddw(pc, sym);
            case R_BPF_64_32 -> relocateCall(pc, sym);
            default -> throw new BpfLoadException("unsupported relocation type " + r.type() + " in " + target.name());
        }
    }

    private String symbolName(ElfFile.Symbol sym) {
        if (!sym.name().isEmpty()) return sym.name();
        return sym.section() > 0 && sym.section() < elf.sections.size() ? elf.sections.get(sym.section()).name() : "?";
    }

    private void relocateLddw(int pc, ElfFile.Symbol sym) {
        Instruction lo = code.get(pc);
        if (lo.opcode() != LDDW || pc + 1 >= code.size()) {
            throw new BpfLoadException("R_BPF_64_64 relocation at pc " + pc + " is not on an lddw");
        }
        Long region = dataAddress.get(sym.section());
        Integer codeAt = codeBase.get(sym.section());
        long addend = lo.imm() & 0xffffffffL;
        if (region != null) {
            long value = region + sym.value() + addend;
            code.set(pc, lo.withImm((int) value));
            code.set(pc + 1, code.get(pc + 1).withImm((int) (value >>> 32)));
        } else if (codeAt != null) {
            int target = codeAt + checkedPc(sym.value() + addend, symbolName(sym));
            code.set(pc, Instruction.of(LDDW, lo.dst(), LDDW_FUNC, 0, target - pc - 1));
            code.set(pc + 1, code.get(pc + 1).withImm(0));
        } else {
            throw new BpfLoadException("unresolved symbol '" + symbolName(sym) + "' at pc " + pc
                    + " (maps and external variables are not supported)");
        }
    }

    private void relocateCall(int pc, ElfFile.Symbol sym) {
        Instruction in = code.get(pc);
        if (in.opcode() != CALL) throw new BpfLoadException("R_BPF_64_32 relocation at pc " + pc + " is not on a call");
        Integer codeAt = codeBase.get(sym.section());
        if (sym.section() == 0) {
            Helper h = helpers.byName(sym.name()).orElseThrow(
                    () -> new BpfLoadException("unknown helper '" + sym.name() + "' called at pc " + pc));
            code.set(pc, Instruction.of(CALL, in.dst(), CALL_HELPER, in.offset(), h.id()));
        } else if (codeAt != null) {
            long target = codeAt + sym.value() / 8 + in.imm() + 1;
            if (sym.value() % 8 != 0 || target < 0 || target >= code.size()) {
                throw new BpfLoadException("call at pc " + pc + " to '" + symbolName(sym) + "' outside the code");
            }
            code.set(pc, Instruction.of(CALL, in.dst(), CALL_LOCAL, in.offset(), (int) (target - pc - 1)));
        } else {
            throw new BpfLoadException("call at pc " + pc + " to '" + symbolName(sym) + "', which is not code");
        }
    }

    private void relocateData(ElfFile.Section target, ElfFile.Relocation r, ElfFile.Symbol sym) {
        if (r.type() == R_BPF_64_ABS32) {
            throw new BpfLoadException("32-bit pointer in " + target.name() + " to '" + symbolName(sym)
                    + "' cannot hold a 64-bit VM address");
        }
        if (r.type() != R_BPF_64_ABS64) {
            throw new BpfLoadException("unsupported relocation type " + r.type() + " in " + target.name());
        }
        int width = 8;
        Long symBase = dataAddress.get(sym.section());
        if (symBase == null) throw new BpfLoadException("data relocation in " + target.name() + " to '" + symbolName(sym) + "' is not data");
        long at = dataAddress.get(target.index());
        byte[] image = (at >>> 32) == Region.DATA.id() ? data : rodata;
        long off = (at & 0xffffffffL) + r.offset();
        if (r.offset() < 0 || off + width > image.length) throw new BpfLoadException("data relocation outside " + target.name());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long addend = width == 8 ? b.getLong((int) off) : b.getInt((int) off) & 0xffffffffL;
        long value = symBase + sym.value() + addend;
        if (width == 8) b.putLong((int) off, value);
        else b.putInt((int) off, (int) value);
    }

    private int entryPc(String entry) {
        if (entry == null) {
            if (functions.containsKey("main")) return functions.get("main");
            if (functions.containsKey(".text")) return functions.get(".text");
            return codeBase.values().iterator().next();
        }
        Integer pc = functions.get(entry);
        if (pc == null) throw new BpfLoadException("no function or executable section named '" + entry + "'");
        return pc;
    }
}
