package org.opencsd.zns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * An image file as this JVM holds it: one {@link FileChannel} per file (by file identity),
 * shared by every device opened on it and closed when the last one closes, plus the one-writer
 * lock.
 *
 * <p>The writer lock is an exclusive OS lock ({@link FileChannel#tryLock}) on the header's pid
 * field, and the holder's pid written there, so that a refused writer can say who holds it; the
 * OS drops the lock when the holder dies, so a stale pid never blocks anyone. One channel per
 * file matters because of a POSIX rule: closing <em>any</em> descriptor a process has on a file
 * drops all that process's locks on it, so a reader (or a refused writer) in the writer's own JVM
 * must never open and close a descriptor of its own.
 *
 * <p>Thread-safety: opening and closing synchronise on the class; the channel itself is safe
 * for concurrent positional I/O.
 */
final class ImageFile {
    private static final Map<Object, ImageFile> OPEN = new HashMap<>();

    private final Object key;
    private final Path path;
    private final FileChannel channel;
    private final boolean channelWritable;
    private int users;
    private FileLock writer;

    private ImageFile(Object key, Path path, FileChannel channel, boolean channelWritable) {
        this.key = key;
        this.path = path;
        this.channel = channel;
        this.channelWritable = channelWritable;
    }

    /**
     * Opens {@code path}; with {@code writable}, also takes the writer lock, or throws
     * {@link ImageInUseException} naming the holder. Writes nothing.
     */
    static ImageFile open(Path path, boolean writable) throws IOException {
        synchronized (ImageFile.class) {
            if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
            if (!Files.isRegularFile(path)) throw new ImageException(path, "is not a regular file");
            Object key = identity(path);
            ImageFile f = OPEN.get(key);
            if (f == null) {
                f = openChannel(key, path, writable);
                OPEN.put(key, f);
            }
            f.users++;
            if (writable) {
                try {
                    f.lockForWriting(path);
                } catch (IOException | RuntimeException e) {
                    f.close(false);
                    throw e;
                }
            }
            return f;
        }
    }

    private static Object identity(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key != null ? key : path.toRealPath();
    }

    private static ImageFile openChannel(Object key, Path path, boolean writable) throws IOException {
        try {
            return new ImageFile(key, path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE), true);
        } catch (AccessDeniedException e) {
            if (writable) throw e;
            return new ImageFile(key, path, FileChannel.open(path, StandardOpenOption.READ), false);
        }
    }

    private void lockForWriting(Path asked) throws IOException {
        if (writer != null) throw new ImageInUseException(asked, ProcessHandle.current().pid());
        if (!channelWritable) throw new AccessDeniedException(asked.toString());
        FileLock l = channel.tryLock(ImageHeader.PID_OFFSET, 8, false);
        if (l == null) throw new ImageInUseException(asked, holder());
        writer = l;
    }

    FileChannel channel() {
        return channel;
    }

    /** Writes this process's pid into the image (the caller holds the writer lock). */
    void recordPid() throws IOException {
        writePid(ProcessHandle.current().pid());
    }

    /** Gives up this use of the file: releases the writer lock if {@code writable}, and the channel if last. */
    void close(boolean writable) throws IOException {
        synchronized (ImageFile.class) {
            try {
                if (writable && writer != null) {
                    try {
                        if (holder() == ProcessHandle.current().pid()) writePid(0);
                    } finally {
                        writer.release();
                        writer = null;
                    }
                }
            } finally {
                if (--users == 0) {
                    OPEN.remove(key);
                    channel.close();
                }
            }
        }
    }

    private long holder() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(b, ImageHeader.PID_OFFSET);
        return b.position() == 8 ? b.getLong(0) : 0;
    }

    private void writePid(long pid) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, pid);
        while (b.hasRemaining()) channel.write(b, ImageHeader.PID_OFFSET + b.position());
    }

    @Override
    public String toString() {
        return "ImageFile[" + path + ", users=" + users + ", writer=" + (writer != null) + "]";
    }
}
