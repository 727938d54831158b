package org.opencsd.fluffle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple in-memory model of the path API: a tree of nodes with the POSIX error
 * rules, for the model-based test. Results are strings ("ok ..." or the errno name).
 */
final class ModelFs {
    static final class Node {
        final FileType type;
        int mode;
        int nlink;
        long size;
        byte[] data = new byte[0];
        String target = "";
        final TreeMap<String, Node> children = new TreeMap<>();
        final TreeMap<String, byte[]> xattrs = new TreeMap<>();
        Node parent;

        Node(FileType type, int mode) {
            this.type = type;
            this.mode = mode;
        }
    }

    final Node root = new Node(FileType.DIRECTORY, 0755);

    ModelFs() {
        root.parent = root;
        root.nlink = 2;
    }

    static FsException err(FsErrno e) {
        return new FsException(e, "model");
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) if (!p.isEmpty()) out.add(p);
        return out;
    }

    static void checkName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) throw err(FsErrno.ENAMETOOLONG);
        if (name.isEmpty()) throw err(FsErrno.EINVAL);
    }

    Node lookup(Node dir, String name) {
        if (dir.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
        if (name.equals(".")) return dir;
        if (name.equals("..")) return dir.parent;
        checkName(name);
        Node n = dir.children.get(name);
        if (n == null) throw err(FsErrno.ENOENT);
        return n;
    }

    Node resolve(String path, boolean followLast) {
        return walk(path, followLast, 0);
    }

    record Parent(Node dir, String name) {}

    Parent parent(String path) {
        List<String> parts = split(path);
        String last = parts.removeLast();
        Node dir = walkParts(root, parts, 0);
        if (dir.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
        return new Parent(dir, last);
    }

    private Node walk(String path, boolean followLast, int depth) {
        List<String> parts = split(path);
        if (parts.isEmpty()) return root;
        String last = parts.removeLast();
        Node dir = walkParts(root, parts, depth);
        Node n = lookup(dir, last);
        return followLast ? follow(dir, n, depth) : n;
    }

    private Node walkParts(Node dir, List<String> parts, int depth) {
        for (String p : parts) {
            Node n = follow(dir, lookup(dir, p), depth);
            if (n.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
            dir = n;
        }
        return dir;
    }

    private Node follow(Node dir, Node n, int depth) {
        if (n.type != FileType.SYMLINK) return n;
        if (depth >= 40) throw err(FsErrno.ELOOP);
        if (n.target.startsWith("/")) return walk(n.target, true, depth + 1);
        List<String> parts = split(n.target);
        String last = parts.isEmpty() ? "." : parts.removeLast();
        Node d = walkParts(dir, parts, depth + 1);
        return follow(d, lookup(d, last), depth + 1);
    }

    private Parent newEntry(String path) {
        Parent p = parent(path);
        if (p.name().equals(".") || p.name().equals("..")) throw err(FsErrno.EEXIST);
        checkName(p.name());
        if (p.dir().children.containsKey(p.name())) throw err(FsErrno.EEXIST);
        return p;
    }

    void create(String path, int mode) {
        Parent p = newEntry(path);
        Node n = new Node(FileType.REGULAR, mode & 07777);
        n.nlink = 1;
        p.dir().children.put(p.name(), n);
    }

    void mkdir(String path, int mode) {
        Parent p = newEntry(path);
        Node n = new Node(FileType.DIRECTORY, mode & 07777);
        n.nlink = 2;
        n.parent = p.dir();
        p.dir().children.put(p.name(), n);
        p.dir().nlink++;
    }

    void symlink(String target, String path) {
        Parent p = newEntry(path);
        Node n = new Node(FileType.SYMLINK, 0777);
        n.nlink = 1;
        n.target = target;
        n.size = target.getBytes(StandardCharsets.UTF_8).length;
        p.dir().children.put(p.name(), n);
    }

    void link(String existing, String path) {
        Node src = resolve(existing, false);
        Parent p = newEntry(path);
        if (src.type == FileType.DIRECTORY) throw err(FsErrno.EPERM);
        p.dir().children.put(p.name(), src);
        src.nlink++;
    }

    String readlink(String path) {
        Node n = resolve(path, false);
        if (n.type != FileType.SYMLINK) throw err(FsErrno.EINVAL);
        return n.target;
    }

    void unlink(String path) {
        Parent p = parent(path);
        Node n = lookup(p.dir(), p.name());
        if (n.type == FileType.DIRECTORY) throw err(FsErrno.EISDIR);
        p.dir().children.remove(p.name());
        n.nlink--;
    }

    void rmdir(String path) {
        Parent p = parent(path);
        Node n = lookup(p.dir(), p.name());
        if (n.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
        if (!n.children.isEmpty()) throw err(FsErrno.ENOTEMPTY);
        p.dir().children.remove(p.name());
        p.dir().nlink--;
    }

    private static boolean ancestorOrSelf(Node a, Node d) {
        while (true) {
            if (d == a) return true;
            if (d.parent == d) return false;
            d = d.parent;
        }
    }

    void exchange(String x, String y) {
        Parent a = parent(x);
        Parent b = parent(y);
        Node na = lookup(a.dir(), a.name());
        Node nb = lookup(b.dir(), b.name());
        if (na == nb) return;
        if (na.type == FileType.DIRECTORY && ancestorOrSelf(na, b.dir())) throw err(FsErrno.EINVAL);
        if (nb.type == FileType.DIRECTORY && ancestorOrSelf(nb, a.dir())) throw err(FsErrno.EINVAL);
        a.dir().children.put(a.name(), nb);
        b.dir().children.put(b.name(), na);
        if (na.type == FileType.DIRECTORY) {
            na.parent = b.dir();
            a.dir().nlink--;
            b.dir().nlink++;
        }
        if (nb.type == FileType.DIRECTORY) {
            nb.parent = a.dir();
            b.dir().nlink--;
            a.dir().nlink++;
        }
    }

    void rename(String from, String to) {
        Parent a = parent(from);
        Parent b = parent(to);
        Node src = lookup(a.dir(), a.name());
        checkName(b.name());
        Node dst = b.dir().children.get(b.name());
        if (src.type == FileType.DIRECTORY && ancestorOrSelf(src, b.dir())) throw err(FsErrno.EINVAL);
        if (dst != null && dst.type == FileType.DIRECTORY && ancestorOrSelf(dst, a.dir())) throw err(FsErrno.ENOTEMPTY);
        if (dst == src) return;
        if (dst != null) {
            if (src.type == FileType.DIRECTORY && dst.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
            if (src.type != FileType.DIRECTORY && dst.type == FileType.DIRECTORY) throw err(FsErrno.EISDIR);
            if (dst.type == FileType.DIRECTORY && !dst.children.isEmpty()) throw err(FsErrno.ENOTEMPTY);
        }
        a.dir().children.remove(a.name());
        if (dst != null) {
            b.dir().children.remove(b.name());
            if (dst.type == FileType.DIRECTORY) b.dir().nlink--;
            else dst.nlink--;
        }
        b.dir().children.put(b.name(), src);
        if (src.type == FileType.DIRECTORY && a.dir() != b.dir()) {
            a.dir().nlink--;
            b.dir().nlink++;
        }
        if (src.type == FileType.DIRECTORY) src.parent = b.dir();
    }

    private Node regular(String path) {
        Node n = resolve(path, true);
        if (n.type == FileType.DIRECTORY) throw err(FsErrno.EISDIR);
        return n;
    }

    int write(String path, long off, byte[] bytes) {
        Node n = regular(path);
        if (bytes.length == 0) return 0;
        long end = off + bytes.length;
        if (end > n.data.length) n.data = Arrays.copyOf(n.data, (int) end);
        System.arraycopy(bytes, 0, n.data, (int) off, bytes.length);
        n.size = Math.max(n.size, end);
        return bytes.length;
    }

    byte[] read(String path, long off, int len) {
        Node n = regular(path);
        if (off >= n.size) return new byte[0];
        int k = (int) Math.min(len, n.size - off);
        byte[] out = new byte[k];
        if (off < n.data.length) System.arraycopy(n.data, (int) off, out, 0, (int) Math.min(k, n.data.length - off));
        return out;
    }

    void truncate(String path, long size) {
        Node n = regular(path);
        if (size > FluffleFs.MAX_FILE_SIZE) throw err(FsErrno.EFBIG);
        if (size < n.data.length) n.data = Arrays.copyOf(n.data, (int) size);
        n.size = size;
    }

    /** fallocate PUNCH_HOLE|KEEP_SIZE: {@code [from, to)} below the size reads as zeroes. */
    void punchHole(String path, long from, long to) {
        Node n = regular(path);
        int end = (int) Math.min(to, Math.min(n.size, n.data.length));
        if (from < end) Arrays.fill(n.data, (int) from, end, (byte) 0);
    }

    Attr stat(String path) {
        Node n = resolve(path, true);
        return new Attr(0, n.type, n.mode, n.nlink, 0, 0, n.size, 0, 0, 0, 0);
    }

    void chmod(String path, int mode) {
        resolve(path, true).mode = mode & 07777;
    }

    static void checkXattr(String name) {
        if (name.length() > 255) throw err(FsErrno.ERANGE);
        if (!name.startsWith("user.") || name.length() == 5) throw err(FsErrno.ENOTSUP);
    }

    void setxattr(String path, String name, byte[] value, XattrMode mode) {
        Node n = resolve(path, true);
        checkXattr(name);
        boolean exists = n.xattrs.containsKey(name);
        if (mode == XattrMode.CREATE && exists) throw err(FsErrno.EEXIST);
        if (mode == XattrMode.REPLACE && !exists) throw err(FsErrno.ENODATA);
        n.xattrs.put(name, value.clone());
    }

    byte[] getxattr(String path, String name) {
        Node n = resolve(path, true);
        checkXattr(name);
        byte[] v = n.xattrs.get(name);
        if (v == null) throw err(FsErrno.ENODATA);
        return v;
    }

    void removexattr(String path, String name) {
        Node n = resolve(path, true);
        checkXattr(name);
        if (n.xattrs.remove(name) == null) throw err(FsErrno.ENODATA);
    }

    List<String> list(String path) {
        Node n = resolve(path, true);
        if (n.type != FileType.DIRECTORY) throw err(FsErrno.ENOTDIR);
        return new ArrayList<>(n.children.keySet());
    }

    /** A canonical description of the whole tree (hard links shown by a shared id). */
    String describe() {
        StringBuilder sb = new StringBuilder();
        Map<Node, Integer> ids = new IdentityHashMap<>();
        describe(root, "/", sb, ids);
        return sb.toString();
    }

    private void describe(Node n, String path, StringBuilder sb, Map<Node, Integer> ids) {
        Integer id = ids.computeIfAbsent(n, k -> ids.size());
        sb.append(path).append(' ').append(n.type).append(" id").append(id).append(" mode").append(Integer.toOctalString(n.mode))
                .append(" nlink").append(n.nlink).append(" size").append(n.size);
        if (n.type == FileType.REGULAR) sb.append(" data").append(Arrays.hashCode(trimmed(n)));
        if (n.type == FileType.SYMLINK) sb.append(" -> ").append(n.target);
        n.xattrs.forEach((k, v) -> sb.append(' ').append(k).append('=').append(Arrays.toString(v)));
        sb.append('\n');
        if (n.type == FileType.DIRECTORY) {
            n.children.forEach((k, c) -> describe(c, path + k + "/", sb, ids));
        }
    }

    private static byte[] trimmed(Node n) {
        int end = n.data.length;
        while (end > 0 && n.data[end - 1] == 0) end--;
        return Arrays.copyOf(n.data, end);
    }
}
