package org.opencsd.fuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The calling process's view of the mount table ({@code /proc/self/mountinfo}). Reading it sends
 * no request to any filesystem, so it is safe to call while a FUSE mount of this process is not
 * (or no longer) serving. Stateless; safe for any thread.
 */
public final class MountTable {
    private MountTable() {}

    /**
     * One mount.
     *
     * @param mountPoint where it is mounted (octal escapes of the kernel decoded)
     * @param fsType the filesystem type, e.g. {@code fuse.opencsd}
     * @param source the mount source, e.g. the fsName of a FUSE mount
     */
    public record Mount(Path mountPoint, String fsType, String source) {}

    /** The topmost mount at exactly {@code mountPoint}, if any. */
    public static Optional<Mount> find(Path mountPoint) {
        Path wanted = mountPoint.toAbsolutePath().normalize();
        Mount found = null;
        for (Mount m : mounts()) {
            if (m.mountPoint().equals(wanted)) found = m;
        }
        return Optional.ofNullable(found);
    }

    /** True when something is mounted at {@code mountPoint}. */
    public static boolean isMounted(Path mountPoint) {
        return find(mountPoint).isPresent();
    }

    /** All mounts, in mount order. */
    public static List<Mount> mounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(MountTable::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one mountinfo line: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS...] - TYPE SOURCE SUPER. */
    private static Mount parse(String line) {
        String[] f = line.split(" ");
        int dash = List.of(f).indexOf("-");
        return new Mount(Path.of(unescape(f[4])), f[dash + 1], unescape(f[dash + 2]));
    }

    /** Decodes the kernel's {@code \ooo} escapes (space, tab, newline, backslash). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        }
        return true;
    }
}
