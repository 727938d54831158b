package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random instruction streams and random ELF mutations: whatever the input, loading, verifying,
 * disassembling and running (verified or not, with a small budget) either succeed or fail with
 * the engine's own {@link BpfException}s; nothing else escapes and nothing hangs.
 */
class FuzzPropertiesTest {
    private static final int[] OPCODES = validOpcodes();
    private static final VmOptions SMALL_BUDGET = VmOptions.DEFAULTS.withMaxInstructions(20_000);

    private static int[] validOpcodes() {
        java.util.List<Integer> ops = new java.util.ArrayList<>();
        for (int op = 0; op < 256; op++) {
            Program p = Program.of(List.of(Instruction.of(op, 0, 1, 0, 16), Instruction.of(0, 0, 0, 0, 0),
                    Instruction.of(Opcodes.EXIT, 0, 0, 0, 0)));
            if (Decoder.decode(p, StandardHelpers.registry()).errors()[0] == null) ops.add(op);
        }
        return ops.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Slots mostly made of valid opcodes with small registers, offsets and immediates. */
    @Provide
    Arbitrary<List<Long>> programs() {
        Arbitrary<Long> plausible = Combinators.combine(
                Arbitraries.of(java.util.Arrays.stream(OPCODES).boxed().toList()),
                Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(-8, 8), Arbitraries.oneOf(Arbitraries.integers().between(-16, 64),
                        Arbitraries.of(0, 1, 5, 8, 16, 32, 64, 0x80000000, -1, 0xf1, 0xe1, 0x01, 0x40, 0x50, 0xa0)))
                .as((op, d, s, off, imm) -> Instruction.of(op, d, s, off, imm).encode());
        Arbitrary<Long> anything = Arbitraries.longs();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, plausible), net.jqwik.api.Tuple.of(1, anything))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    private static byte[] bytes(List<Long> slots) {
        ByteBuffer b = ByteBuffer.allocate(slots.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        slots.forEach(b::putLong);
        return b.array();
    }

    /** Runs every stage; returns normally or throws a BpfException. */
    private static void exercise(Program p, byte[] input) {
        try {
            Verifier.verify(p, StandardHelpers.registry());
        } catch (VerifierException rejected) {
            // Unverified programs must still be contained by the interpreter.
        }
        new Interpreter(p, StandardHelpers.registry(), SMALL_BUDGET).execute(input == null ? null : input.clone());
    }

    @Property(tries = 5000)
    void randomInstructionStreamsOnlyRaiseEngineErrors(@ForAll("programs") List<Long> slots,
                                                        @ForAll @Size(max = 64) byte[] input) {
        try {
            exercise(Program.fromBytecode(bytes(slots)), input.length == 0 ? null : input);
        } catch (BpfException expected) {
            // the engine's own error: fine
        }
    }

    @Property(tries = 500)
    void disassemblyAlwaysAssemblesBackToTheSameBytecode(@ForAll("programs") List<Long> slots) {
        Program p = Program.fromBytecode(bytes(slots));
        assertArrayEquals(p.toBytecode(), Assembler.assembleProgram(Disassembler.disassemble(p)).toBytecode());
    }

    @Property(tries = 300)
    void randomBytesAsBytecodeOnlyRaiseEngineErrors(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            exercise(Program.fromBytecode(bytes), new byte[16]);
        } catch (BpfException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<String> objects() throws Exception {
        try (var files = Files.list(ElfLoaderTest.elfDir())) {
            return Arbitraries.of(files.map(Path::toString).sorted().toList());
        }
    }

    @Property(tries = 2000)
    void mutatedElfObjectsOnlyRaiseEngineErrors(@ForAll("objects") String object,
                                                @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1 << 20) Integer> positions,
                                                @ForAll @Size(min = 12, max = 12) byte[] values,
                                                @ForAll @IntRange(min = 0, max = 100) int truncatePercent) throws Exception {
        byte[] elf = Files.readAllBytes(Path.of(object));
        for (int i = 0; i < positions.size(); i++) elf[positions.get(i) % elf.length] = values[i];
        if (truncatePercent < 20) elf = java.util.Arrays.copyOf(elf, elf.length * truncatePercent / 20);
        try {
            exercise(ElfLoader.load(elf, null, StandardHelpers.registry()), new byte[64]);
        } catch (BpfException expected) {
            // fine
        }
    }
}
