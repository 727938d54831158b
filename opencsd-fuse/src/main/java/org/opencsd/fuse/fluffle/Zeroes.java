package org.opencsd.fuse.fluffle;

import java.nio.ByteBuffer;
import org.opencsd.fluffle.FluffleFs;

/** Writes zeroes over a byte range of a file (fallocate's ZERO_RANGE). Stateless. */
final class Zeroes {
    private static final int CHUNK = 1 << 20;

    private Zeroes() {}

    /** Makes bytes {@code [from, to)} of {@code ino} read as zero; nothing when {@code to <= from}. */
    static void write(FluffleFs fs, long ino, long from, long to) {
        ByteBuffer zeroes = ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(0, to - from)));
        for (long at = from; at < to; ) {
            int n = (int) Math.min(zeroes.capacity(), to - at);
            fs.write(ino, at, zeroes.clear().limit(n));
            at += n;
        }
    }
}
