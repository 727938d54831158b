package org.opencsd.cli.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code opencsd bpf conformance-plugin}: the bpf_conformance suite's plugin protocol. Argument
 * 1 (optional) is the memory as hex bytes ({@code "00 01 ff"} or unspaced); {@code --elf} says the
 * program is an ELF object; the program comes as hex on standard input, or with
 * {@code --program HEX}. Runs with r1 = a copy of the memory (0 when there is none), r2 = its
 * length, helper 5 returning its first argument, at CPU v4 with all groups; prints r0 in hex
 * (no prefix) and exits 0, or prints the error and exits 1. Other options the runner passes are
 * accepted and ignored.
 */
@Command(name = "conformance-plugin", mixinStandardHelpOptions = true,
        description = "Run one bpf_conformance case (the suite's plugin protocol).",
        footer = {"", "Example (as bpf_conformance runs it):",
                "  bpf_conformance_runner --test_file_directory tests --plugin_path bin/opencsd \\",
                "      --plugin_options \"bpf conformance-plugin --engine jit\""})
public final class ConformancePluginCommand implements Callable<Integer> {
    /** Where the program hex is read from when {@code --program} is absent; replaceable by tests. */
    static InputStream stdin = System.in;

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MEMORY", description = "Input memory as hex bytes.")
    String memory;

    @Option(names = "--elf", description = "The program is an ELF object.")
    boolean elf;

    @Option(names = "--program", paramLabel = "HEX", description = "The program as hex (instead of standard input).")
    String program;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            description = "Execution engine: ${COMPLETION-CANDIDATES}.")
    Engine engine;

    @Unmatched
    List<String> ignored = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String hex = program != null ? program : new String(stdin.readAllBytes(), StandardCharsets.US_ASCII);
        byte[] code = parseHex(hex, "program");
        HelperRegistry helpers = StandardHelpers.registry();
        Program p = elf ? ElfLoader.load(code, null, helpers) : Program.fromBytecode(code);
        Verifier.verify(p, helpers);
        ExecutionEngine vm = engine.create(p, helpers, VmOptions.DEFAULTS);
        VmMemory mem = VmMemory.forProgram(p, vm.options());
        long r0;
        if (memory != null && !ignored.isEmpty() && !memory.matches("[0-9a-fA-Fx\\s]*")) {
            memory = null; // the value of an ignored runner option, not memory
        }
        if (memory == null || memory.isBlank()) {
            r0 = vm.execute(mem, 0, 0, null).r0();
        } else {
            byte[] input = parseHex(memory, "memory");
            r0 = vm.execute(mem, mem.mapInput(input), input.length, null).r0();
        }
        spec.commandLine().getOut().println(Long.toHexString(r0));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Parses hex digits, ignoring whitespace (spaced or unspaced); an odd count or non-hex is an error. */
    static byte[] parseHex(String text, String what) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) digits = digits.substring(2);
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new UserError("bad " + what + " hex: " + e.getMessage());
        }
    }
}
