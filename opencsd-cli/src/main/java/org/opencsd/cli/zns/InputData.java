package org.opencsd.cli.zns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.opencsd.cli.UserError;

/** Reads a command's input file ({@code -} = standard input), padded with zeroes to whole LBAs. */
final class InputData {
    private InputData() {}

    /** The bytes of {@code input}, padded to a multiple of {@code lbaSize}; empty input is an error. */
    static byte[] read(Path input, int lbaSize) throws IOException {
        byte[] data = input.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(input);
        if (data.length == 0) throw new UserError("input " + input + " is empty: nothing to write");
        int rem = data.length % lbaSize;
        return rem == 0 ? data : Arrays.copyOf(data, data.length + lbaSize - rem);
    }
}
