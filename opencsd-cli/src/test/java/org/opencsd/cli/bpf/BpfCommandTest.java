package org.opencsd.cli.bpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.ebpf.Assembler;

/** {@code opencsd bpf asm|disasm|verify|run}: behaviour and one-line errors for bad input. */
class BpfCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path writeBytes(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Asserts a failure: the given exit code and exactly one line on stderr, no stack trace. */
    private static String failure(CliRun r, int exit) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("opencsd: "), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
        return r.err().trim();
    }

    @Test
    void asmWritesBytecodeThatDisasmRoundTrips() throws Exception {
        Path src = write("p.s", "mov %r0, 1\nlddw %r1, 0x1122334455667788\nadd %r0, %r1\nexit\n");
        Path bin = dir.resolve("p.bin");
        CliRun asm = CliRun.run("bpf", "asm", src.toString(), "-o", bin.toString());
        assertEquals(0, asm.exit(), asm.err());
        assertEquals("5 instructions written to " + bin + "\n", asm.out());
        assertArrayEquals(Assembler.assembleProgram(Files.readString(src)).toBytecode(), Files.readAllBytes(bin));
        CliRun dis = CliRun.run("bpf", "disasm", bin.toString());
        assertEquals("mov %r0, 1\nlddw %r1, 0x1122334455667788\nadd %r0, %r1\nexit\n", dis.out());
        CliRun pcs = CliRun.run("bpf", "disasm", "--pc", bin.toString());
        assertEquals("mov %r0, 1 # pc 0\nlddw %r1, 0x1122334455667788 # pc 1\nadd %r0, %r1 # pc 3\nexit # pc 4\n", pcs.out());
        CliRun hex = CliRun.run("bpf", "asm", src.toString());
        assertEquals("b7 00 00 00 01 00 00 00", hex.out().lines().findFirst().orElseThrow());
    }

    @Test
    void runPrintsR0AndStats() throws Exception {
        Path src = write("sum.s", """
                mov %r0, 0
                loop:
                jeq %r2, 0, done
                ldxb %r3, [%r1]
                add %r0, %r3
                add %r1, 1
                sub %r2, 1
                ja loop
                done:
                exit
                """);
        Path mem = writeBytes("mem.bin", new byte[] {1, 2, 3, 4});
        CliRun r = CliRun.run("bpf", "run", src.toString(), "--mem", mem.toString(), "--stats");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("0xa", lines[0]);
        assertEquals("instructions: 27", lines[1]);
        assertTrue(lines[2].matches("time: \\d+\\.\\d{3} ms"), lines[2]);
        assertTrue(lines[3].matches("rate: \\d+\\.\\d M instructions/s"), lines[3]);
        assertEquals("0x0\n", CliRun.run("bpf", "run", src.toString()).out());
    }

    @Test
    void verifyAcceptsAndRejects() throws Exception {
        CliRun ok = CliRun.run("bpf", "verify", write("ok.s", "mov %r0, 0\nexit\n").toString());
        assertEquals(0, ok.exit());
        assertTrue(ok.out().endsWith(": ok (2 instructions, 1 function, entry at pc 0)\n"), ok.out());
        String err = failure(CliRun.run("bpf", "verify", write("bad.s", "mov %r0, %r5\nexit\n").toString()), 1);
        assertEquals("opencsd: verifier: pc 0 (mov %r0, %r5): r5 is read before it is written [no uninitialised registers]", err);
    }

    @Test
    void runawayProgramStopsAtTheBudget() throws Exception {
        Path loop = write("loop.s", "mov %r0, 0\nloop:\nadd %r0, 1\njne %r0, 0, loop\nexit\n");
        String err = failure(CliRun.run("bpf", "run", loop.toString(), "--max-instructions", "1000"), 1);
        assertEquals("opencsd: instruction budget exhausted at pc 2 (1000 instructions; raise with"
                + " --max-instructions, 0 = unlimited)", err);
        Path stops = write("stops.s", "mov %r0, 0\nloop:\nadd %r0, 1\njne %r0, 100000, loop\nexit\n");
        assertEquals("0x186a0\n", CliRun.run("bpf", "run", stops.toString(), "--max-instructions", "0").out());
    }

    @Test
    void outOfBoundsReadIsOneLine() throws Exception {
        Path p = write("oob.s", "ldxdw %r0, [%r1+8]\nexit\n");
        Path mem = writeBytes("m.bin", new byte[12]);
        assertEquals("opencsd: out-of-bounds access at pc 0: 8 bytes at 0x400000008 (region input, offset 0x8)",
                failure(CliRun.run("bpf", "run", p.toString(), "--mem", mem.toString()), 1));
    }

    @Test
    void badInputsAreOneLineErrors() throws Exception {
        assertEquals("opencsd: bytecode length 12 is not a multiple of 8",
                failure(CliRun.run("bpf", "run", writeBytes("odd.bin", new byte[12]).toString()), 1));
        byte[] unknown = {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("opencsd: verifier: pc 0 (.raw 0x00000000000000ff): invalid opcode 0xff [valid opcodes]",
                failure(CliRun.run("bpf", "run", writeBytes("unknown.bin", unknown).toString()), 1));
        byte[] elf = new byte[80];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[16] = 1;
        elf[18] = 62;
        assertEquals("opencsd: wrong ELF machine type 62 (expected BPF, 247)",
                failure(CliRun.run("bpf", "run", writeBytes("x86.o", elf).toString()), 1));
        elf[18] = (byte) 247;
        assertTrue(failure(CliRun.run("bpf", "verify", writeBytes("trunc.o", elf).toString()), 1)
                .startsWith("opencsd: truncated or corrupt ELF"));
        assertEquals("opencsd: line 1: unknown mnemonic frob: frob %r0",
                failure(CliRun.run("bpf", "verify", write("bad.asm", "frob %r0\n").toString()), 1));
        assertEquals("opencsd: no such file: " + dir.resolve("missing.o"),
                failure(CliRun.run("bpf", "run", dir.resolve("missing.o").toString()), 2));
        assertEquals("opencsd: --entry applies to ELF objects only",
                failure(CliRun.run("bpf", "run", write("e.s", "mov %r0, 0\nexit\n").toString(), "--entry", "x"), 2));
    }
}
