package org.opencsd.cli.bpf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Program;
import org.opencsd.cli.UserError;

/**
 * Reads a program file in any of the forms the bpf commands accept: an ELF object (by its magic),
 * assembler text ({@code .s}/{@code .asm}, or any file without NUL bytes), or raw little-endian
 * bytecode (anything else, e.g. {@code .bin}). Stateless; thread-safe.
 */
public final class ProgramFiles {
    /** The form of a program file. */
    public enum Format { ELF, ASM, BYTECODE }

    private ProgramFiles() {}

    /** Reads the file's bytes; a missing or unreadable file is a {@link UserError}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format of {@code bytes} read from {@code file}. */
    public static Format detect(Path file, byte[] bytes) {
        if (ElfLoader.isElf(bytes)) return Format.ELF;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".s") || name.endsWith(".asm")) return Format.ASM;
        if (name.endsWith(".bin") || name.endsWith(".bpf")) return Format.BYTECODE;
        for (byte b : bytes) {
            if (b == 0) return Format.BYTECODE;
        }
        return bytes.length == 0 ? Format.BYTECODE : Format.ASM;
    }

    /** Loads the program in {@code file}; {@code entry} selects the ELF function or section. */
    public static Program load(Path file, String entry, HelperRegistry helpers) {
        byte[] bytes = read(file);
        Format f = detect(file, bytes);
        if (entry != null && f != Format.ELF) throw new UserError("--entry applies to ELF objects only");
        return switch (f) {
            case ELF -> ElfLoader.load(bytes, entry, helpers);
            case ASM -> Assembler.assembleProgram(new String(bytes, StandardCharsets.UTF_8));
            case BYTECODE -> Program.fromBytecode(bytes);
        };
    }
}
