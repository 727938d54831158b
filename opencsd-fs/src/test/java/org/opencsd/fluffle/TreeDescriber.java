package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A canonical text of a mounted tree: paths, types, modes, links, sizes, content hashes, xattrs. */
final class TreeDescriber {
    private TreeDescriber() {}

    static String describe(FluffleFs fs) {
        StringBuilder sb = new StringBuilder();
        describe(fs, FluffleFs.ROOT, "/", sb, new HashMap<>());
        return sb.toString();
    }

    private static void describe(FluffleFs fs, long ino, String path, StringBuilder sb, Map<Long, Integer> ids) {
        Attr a = fs.getattr(ino);
        Integer id = ids.computeIfAbsent(ino, k -> ids.size());
        sb.append(path).append(' ').append(a.type()).append(" id").append(id).append(" mode")
                .append(Integer.toOctalString(a.mode())).append(" nlink").append(a.nlink()).append(" size").append(a.size());
        if (a.type() == FileType.REGULAR) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(a.size(), 1 << 20));
            int n = fs.read(ino, 0, buf);
            sb.append(" data").append(Arrays.hashCode(Arrays.copyOf(buf.array(), n)));
        }
        if (a.type() == FileType.SYMLINK) sb.append(" -> ").append(fs.readlink(ino));
        for (String x : fs.listxattr(ino)) sb.append(' ').append(x).append('=').append(Arrays.toString(fs.getxattr(ino, x)));
        sb.append('\n');
        if (a.type() == FileType.DIRECTORY) {
            for (DirEntry e : fs.readdir(ino)) {
                if (!e.name().equals(".") && !e.name().equals("..")) describe(fs, e.ino(), path + e.name() + "/", sb, ids);
            }
        }
    }
}
