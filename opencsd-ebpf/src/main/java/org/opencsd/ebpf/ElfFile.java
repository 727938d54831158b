package org.opencsd.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed 64-bit little-endian relocatable ELF object (the structure only: sections, symbols,
 * relocations). Every offset and size read from the file is checked against the file's length;
 * anything malformed raises {@link BpfLoadException}. Immutable; thread-safe.
 */
final class ElfFile {
    static final int EM_NONE = 0;
    static final int EM_BPF = 247;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_RELA = 4;
    static final int SHT_NOBITS = 8;
    static final int SHT_REL = 9;
    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;

    /** A section header. */
    record Section(int index, String name, int type, long flags, long offset, long size, int link, int info, long align) {
        boolean executable() {
            return (flags & SHF_EXECINSTR) != 0 && type == SHT_PROGBITS;
        }

        boolean allocatedData() {
            return (flags & SHF_ALLOC) != 0 && (flags & SHF_EXECINSTR) == 0 && (type == SHT_PROGBITS || type == SHT_NOBITS);
        }
    }

    /** A symbol table entry. */
    record Symbol(String name, int type, int section, long value, long size) {}

    /** A REL relocation. */
    record Relocation(long offset, int type, int symbol) {}

    private final byte[] bytes;
    private final ByteBuffer buf;
    final List<Section> sections = new ArrayList<>();
    final List<Symbol> symbols = new ArrayList<>();

    ElfFile(byte[] bytes) {
        this.bytes = bytes;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        parseHeader();
    }

    private void parseHeader() {
        if (bytes.length < 64) throw new BpfLoadException("not an ELF object: file too short (" + bytes.length + " bytes)");
        if (bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new BpfLoadException("not an ELF object: bad magic");
        }
        if (bytes[4] != 2) throw new BpfLoadException("unsupported ELF class " + bytes[4] + " (only 64-bit objects)");
        if (bytes[5] != 1) throw new BpfLoadException("unsupported ELF byte order (only little-endian)");
        int type = u16(16);
        if (type != 1) throw new BpfLoadException("unsupported ELF type " + type + " (only relocatable objects)");
        int machine = u16(18);
        if (machine != EM_BPF && machine != EM_NONE) {
            throw new BpfLoadException("wrong ELF machine type " + machine + " (expected BPF, 247)");
        }
        long shoff = u64(0x28);
        int shentsize = u16(0x3a);
        int shnum = u16(0x3c);
        int shstrndx = u16(0x3e);
        if (shentsize != 64) throw new BpfLoadException("truncated or corrupt ELF: bad section header size " + shentsize);
        if (shnum == 0) throw new BpfLoadException("truncated or corrupt ELF: no sections");
        range(shoff, (long) shnum * 64, "section header table");
        if (shstrndx >= shnum) throw new BpfLoadException("truncated or corrupt ELF: bad section name table index " + shstrndx);
        long[] raw = new long[shnum];
        for (int i = 0; i < shnum; i++) raw[i] = shoff + 64L * i;
        long strOff = u64((int) raw[shstrndx] + 24);
        long strSize = u64((int) raw[shstrndx] + 32);
        range(strOff, strSize, "section name table");
        for (int i = 0; i < shnum; i++) {
            int h = (int) raw[i];
            Section s = new Section(i, string(strOff, strSize, u32(h)), u32(h + 4), u64(h + 8), u64(h + 24),
                    u64(h + 32), u32(h + 40), u32(h + 44), u64(h + 48));
            if (s.type() != SHT_NOBITS && s.type() != 0) range(s.offset(), s.size(), "section " + s.name());
            sections.add(s);
        }
        parseSymbols();
    }

    private void parseSymbols() {
        Section symtab = sections.stream().filter(s -> s.type() == SHT_SYMTAB).findFirst().orElse(null);
        if (symtab == null) return;
        if (symtab.link() >= sections.size()) throw new BpfLoadException("truncated or corrupt ELF: bad symbol string table index");
        Section strtab = sections.get(symtab.link());
        range(strtab.offset(), strtab.size(), "symbol string table");
        for (long off = symtab.offset(); off + 24 <= symtab.offset() + symtab.size(); off += 24) {
            int o = (int) off;
            int info = bytes[o + 4] & 0xff;
            symbols.add(new Symbol(string(strtab.offset(), strtab.size(), u32(o)), info & 0xf, u16(o + 6),
                    u64(o + 8), u64(o + 16)));
        }
    }

    /** The REL relocations of section {@code rel}. */
    List<Relocation> relocations(Section rel) {
        List<Relocation> out = new ArrayList<>();
        for (long off = rel.offset(); off + 16 <= rel.offset() + rel.size(); off += 16) {
            long info = u64((int) off + 8);
            out.add(new Relocation(u64((int) off), (int) info, (int) (info >>> 32)));
        }
        return out;
    }

    /** The contents of {@code s} (zeros for NOBITS). */
    byte[] contents(Section s) {
        if (s.size() > Integer.MAX_VALUE - 16) throw new BpfLoadException("section " + s.name() + " too large");
        byte[] out = new byte[(int) s.size()];
        if (s.type() != SHT_NOBITS) System.arraycopy(bytes, (int) s.offset(), out, 0, out.length);
        return out;
    }

    private void range(long off, long size, String what) {
        if (off < 0 || size < 0 || off > bytes.length || size > bytes.length - off) {
            throw new BpfLoadException("truncated or corrupt ELF: " + what + " lies outside the file");
        }
    }

    private String string(long tableOff, long tableSize, long index) {
        if (index < 0 || index >= tableSize) throw new BpfLoadException("truncated or corrupt ELF: bad string index " + index);
        int start = (int) (tableOff + index);
        int end = start;
        int limit = (int) (tableOff + tableSize);
        while (end < limit && bytes[end] != 0) end++;
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private int u16(int off) {
        check(off, 2);
        return buf.getShort(off) & 0xffff;
    }

    private int u32(int off) {
        check(off, 4);
        return buf.getInt(off);
    }

    private long u64(int off) {
        check(off, 8);
        return buf.getLong(off);
    }

    private void check(int off, int size) {
        if (off < 0 || off > bytes.length - size) throw new BpfLoadException("truncated or corrupt ELF: read past the end");
    }
}
