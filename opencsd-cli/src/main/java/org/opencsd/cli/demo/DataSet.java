package org.opencsd.cli.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The demo's data set: text-like bytes (words of the letters {@code etaoinshrdlu} and spaces),
 * so that the entropy is neither 0 nor 8 bits per byte; the same bytes for the same seed.
 * Stateless; thread-safe.
 */
final class DataSet {
    private static final int CHUNK = 1 << 20;
    private static final byte[] LETTERS = "etaoinshrdlu  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private DataSet() {}

    /**
     * Writes {@code bytes} bytes to a new file {@code file} in 1 MiB writes, telling
     * {@code progress} each write's size, and syncs it; stops early once {@code ws} is interrupted.
     */
    static void write(Path file, long bytes, long seed, Workspace ws, LongConsumer progress) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] words = words(random);
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; ) {
                ws.checkRunning();
                int n = (int) Math.min(CHUNK, bytes - done);
                fill(chunk, n, words, random);
                while (chunk.hasRemaining()) done += ch.write(chunk);
                progress.accept(n);
            }
            ch.force(true);
        }
    }

    private static byte[][] words(SplittableRandom random) {
        byte[][] words = new byte[4096][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new byte[1 + random.nextInt(9)];
            for (int j = 0; j < words[i].length; j++) words[i][j] = LETTERS[random.nextInt(LETTERS.length)];
        }
        return words;
    }

    private static void fill(ByteBuffer chunk, int n, byte[][] words, SplittableRandom random) {
        chunk.clear().limit(n);
        while (chunk.hasRemaining()) {
            byte[] w = words[random.nextInt(words.length)];
            chunk.put(w, 0, Math.min(w.length, chunk.remaining()));
            if (chunk.hasRemaining()) chunk.put((byte) ' ');
        }
        chunk.flip();
    }
}
