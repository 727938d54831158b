package org.opencsd.cli.bpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd bpf asm FILE [-o OUT]}: assembles text into raw little-endian bytecode. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = "Assemble eBPF text (conformance-suite syntax) into raw bytecode.",
        footer = {"", "Without -o, prints the bytecode as hex, one instruction per line.", "",
                "Example:", "  printf 'mov %%r0, 42\\nexit\\n' > a.s && opencsd bpf asm a.s -o a.bin"})
public final class AsmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Assembler source.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the bytecode to OUT.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String text = new String(ProgramFiles.read(file), StandardCharsets.UTF_8);
        Program p = Assembler.assembleProgram(text);
        byte[] code = p.toBytecode();
        if (output != null) {
            Files.write(output, code);
            spec.commandLine().getOut().println(p.length() + " instructions written to " + output);
        } else {
            for (int i = 0; i < code.length; i += 8) {
                spec.commandLine().getOut().println(HexFormat.ofDelimiter(" ").formatHex(code, i, i + 8));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
