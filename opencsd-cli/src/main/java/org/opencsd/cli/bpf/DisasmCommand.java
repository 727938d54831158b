package org.opencsd.cli.bpf;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.opencsd.ebpf.Disassembler;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code opencsd bpf disasm FILE}: prints a program (ELF object, bytecode or text) in assembler
 * syntax; the output assembles back to the same bytecode. Function starts of ELF objects are
 * printed as labels.
 */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = "Disassemble an eBPF program (ELF object or raw bytecode).",
        footer = {"", "Example:", "  opencsd bpf disasm sum_u64.o --pc"})
public final class DisasmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "ELF object, raw bytecode or assembler text.")
    Path file;

    @Option(names = "--entry", paramLabel = "NAME", description = "Entry function or section (ELF only).")
    String entry;

    @Option(names = "--pc", description = "Prefix each line with its program counter (as a comment).")
    boolean showPc;

    @Override
    public Integer call() {
        Program p = ProgramFiles.load(file, entry, StandardHelpers.registry());
        Map<Integer, java.util.List<String>> labels = new TreeMap<>();
        p.functions().forEach((name, pc) -> labels.computeIfAbsent(pc, k -> new java.util.ArrayList<>()).add(name));
        PrintWriter out = spec.commandLine().getOut();
        for (int pc = 0; pc < p.length(); pc++) {
            for (String label : labels.getOrDefault(pc, java.util.List.of())) {
                if (label.matches("[A-Za-z_.$][\\w.$]*")) out.println(label + ":");
            }
            String text = Disassembler.disassemble(p, pc);
            out.println(showPc ? text + " # pc " + pc : text);
            if (p.instruction(pc).opcode() == Opcodes.LDDW && pc + 1 < p.length()) pc++; // both slots printed
        }
        out.flush();
        return 0;
    }
}
