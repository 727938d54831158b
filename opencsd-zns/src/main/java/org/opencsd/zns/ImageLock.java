package org.opencsd.zns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

/**
 * The one-writer lock of a device image: an exclusive OS lock ({@link FileChannel#tryLock}) on
 * the header's pid field, plus the holder's pid written there so that a refused writer can say
 * who holds it. The OS drops the lock when the holder dies, so a stale pid never blocks anyone.
 *
 * <p>Within one JVM a second writer is refused too (the JDK reports the overlap). Note the POSIX
 * rule that closing any channel a process has on the file may drop its locks: a process should
 * not open the image it writes a second time.
 *
 * <p>Thread-safety: used by the one thread opening or closing a backend.
 */
final class ImageLock {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private ImageLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link ImageInUseException} naming the holder. */
    static ImageLock acquire(Path path, FileChannel channel) throws IOException {
        FileLock l;
        try {
            l = channel.tryLock(ImageHeader.PID_OFFSET, 8, false);
        } catch (OverlappingFileLockException e) {
            throw new ImageInUseException(path, ProcessHandle.current().pid());
        }
        if (l == null) throw new ImageInUseException(path, holder(channel));
        return new ImageLock(path, channel, l);
    }

    private static long holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(b, ImageHeader.PID_OFFSET);
        return b.position() == 8 ? b.getLong(0) : 0;
    }

    /** Writes this process's pid into the image. */
    void recordPid() {
        writePid(ProcessHandle.current().pid());
    }

    /** Clears the pid and releases the lock. */
    void release() throws IOException {
        try {
            if (lock.isValid() && holder(channel) == ProcessHandle.current().pid()) writePid(0);
        } finally {
            lock.release();
        }
    }

    private void writePid(long pid) {
        try {
            channel.write(FileBackend.pidBuffer(pid), ImageHeader.PID_OFFSET);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the writer of " + path, e);
        }
    }
}
