package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencsd.zns.ZonedDevice;

/**
 * Random operation sequences against FluffleFS and {@link ModelFs}: every result (value or errno)
 * must agree, and the whole tree must agree at every remount and at the end; fsck must be clean.
 */
class ModelBasedTest {
    static final int OPS = 10_000;
    private static final String[] NAMES = {"a", "b", "c", "d"};

    private ZonedDevice dev;
    private FluffleFs fs;
    private PathView p;
    private final ModelFs m = new ModelFs();
    private Random rnd;
    private final Map<String, Integer> counts = new HashMap<>();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void fsAgreesWithTheModel(long seed) {
        rnd = new Random(seed);
        dev = TestDevices.formatted(32, 256);
        fs = TestDevices.mount(dev);
        p = new PathView(fs, Credentials.ROOT);
        for (int i = 0; i < OPS; i++) {
            step(i);
            if (i % 1000 == 999) {
                remount();
                assertEquals(m.describe(), describeFs(), "tree after op " + i + " (seed " + seed + ")");
            }
        }
        assertEquals(m.describe(), describeFs());
        fs.close();
        FsckReport r = Fsck.check(dev);
        assertTrue(r.clean(), r.problems().toString());
        int errors = counts.getOrDefault("errors", 0);
        assertTrue(errors > OPS / 10 && errors < OPS * 9 / 10, "a useful mix of failing and succeeding ops: " + counts);
    }

    private void remount() {
        if (rnd.nextBoolean()) fs.close();
        else fs.sync();
        fs = TestDevices.mount(dev);
        p = new PathView(fs, Credentials.ROOT);
    }

    private String path() {
        int depth = 1 + rnd.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) sb.append('/').append(NAMES[rnd.nextInt(NAMES.length)]);
        return sb.toString();
    }

    private void step(int i) {
        String a = path();
        String b = path();
        int op = rnd.nextInt(100);
        String what;
        String got;
        String want;
        if (op < 10) {
            int mode = rnd.nextInt(01000);
            what = "create " + a;
            got = run(() -> p.create(a, mode).mode());
            want = run(() -> { m.create(a, mode); return mode; });
        } else if (op < 18) {
            what = "mkdir " + a;
            got = run(() -> p.mkdir(a, 0755).nlink());
            want = run(() -> { m.mkdir(a, 0755); return 2; });
        } else if (op < 30) {
            long from = rnd.nextInt(70_000);
            long to = from + rnd.nextInt(rnd.nextBoolean() ? 3 * Superblock.BLOCK : 40_000);
            what = "punch " + a + " " + from + ".." + to;
            got = run(() -> { fs.punchHole(p.resolve(a), from, to); return 0; });
            want = run(() -> { m.punchHole(a, from, to); return 0; });
        } else if (op < 33) {
            long off = rnd.nextInt(65536);
            byte[] data = TestDevices.pattern(i, rnd.nextInt(16384));
            what = "write " + a + " " + off + " " + data.length;
            got = run(() -> p.write(a, off, data));
            want = run(() -> m.write(a, off, data));
        } else if (op < 43) {
            long off = rnd.nextInt(10) == 0 ? rnd.nextLong(1L << 50) : rnd.nextInt(90_000);
            int len = rnd.nextInt(20_000);
            what = "read " + a + " " + off + " " + len;
            got = run(() -> {
                ByteBuffer buf = ByteBuffer.allocate(len);
                int n = fs.read(p.resolve(a), off, buf);
                return Arrays.hashCode(Arrays.copyOf(buf.array(), n)) + "/" + n;
            });
            want = run(() -> { byte[] r = m.read(a, off, len); return Arrays.hashCode(r) + "/" + r.length; });
        } else if (op < 49) {
            long size = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(100_000);
                case 1 -> rnd.nextInt(5000);
                case 2 -> 999_999_999_999_999L;
                default -> FluffleFs.MAX_FILE_SIZE + rnd.nextInt(2);
            };
            what = "truncate " + a + " " + size;
            got = run(() -> { p.truncate(a, size); return 0; });
            want = run(() -> { m.truncate(a, size); return 0; });
        } else if (op < 56) {
            what = "unlink " + a;
            got = run(() -> { p.unlink(a); return 0; });
            want = run(() -> { m.unlink(a); return 0; });
        } else if (op < 61) {
            what = "rmdir " + a;
            got = run(() -> { p.rmdir(a); return 0; });
            want = run(() -> { m.rmdir(a); return 0; });
        } else if (op < 64) {
            what = "exchange " + a + " " + b;
            got = run(() -> { p.exchange(a, b); return 0; });
            want = run(() -> { m.exchange(a, b); return 0; });
        } else if (op < 69) {
            what = "rename " + a + " " + b;
            got = run(() -> { p.rename(a, b); return 0; });
            want = run(() -> { m.rename(a, b); return 0; });
        } else if (op < 73) {
            what = "link " + a + " " + b;
            got = run(() -> p.link(a, b).nlink());
            want = run(() -> { m.link(a, b); return m.resolve(a, false).nlink; });
        } else if (op < 77) {
            what = "symlink " + b + " " + a;
            got = run(() -> p.symlink(b, a).size());
            want = run(() -> { m.symlink(b, a); return (long) b.length(); });
        } else if (op < 79) {
            what = "readlink " + a;
            got = run(() -> p.readlink(a));
            want = run(() -> m.readlink(a));
        } else if (op < 85) {
            what = "stat " + a;
            got = run(() -> { Attr x = p.stat(a); return x.type() + " " + Integer.toOctalString(x.mode()) + " " + x.nlink() + " " + x.size(); });
            want = run(() -> { Attr x = m.stat(a); return x.type() + " " + Integer.toOctalString(x.mode()) + " " + x.nlink() + " " + x.size(); });
        } else if (op < 87) {
            int mode = rnd.nextInt(010000);
            what = "chmod " + a;
            got = run(() -> { fs.chmod(p.resolve(a), mode); return 0; });
            want = run(() -> { m.chmod(a, mode); return 0; });
        } else if (op < 93) {
            String name = switch (rnd.nextInt(8)) {
                case 0 -> "trusted.x";
                case 1 -> "user." + "n".repeat(251);
                default -> "user." + NAMES[rnd.nextInt(NAMES.length)];
            };
            XattrMode mode = XattrMode.values()[rnd.nextInt(3)];
            byte[] value = TestDevices.pattern(i, rnd.nextInt(40));
            int kind = rnd.nextInt(3);
            what = "xattr" + kind + " " + a + " " + name + " " + mode;
            got = run(() -> xattrFs(kind, a, name, value, mode));
            want = run(() -> xattrModel(kind, a, name, value, mode));
        } else if (op < 97) {
            what = "list " + a;
            got = run(() -> p.list(a));
            want = run(() -> m.list(a));
        } else if (op < 98) {
            String longName = "/" + "z".repeat(256);
            what = "create long";
            got = run(() -> p.create(longName, 0644).mode());
            want = run(() -> { m.create(longName, 0644); return 0644; });
        } else {
            what = "fsync";
            got = run(() -> { fs.fsync(FluffleFs.ROOT, false); return 0; });
            want = "ok 0";
        }
        if (!got.startsWith("ok")) counts.merge("errors", 1, Integer::sum);
        assertEquals(want, got, "op " + i + ": " + what);
    }

    private Object xattrFs(int kind, String path, String name, byte[] value, XattrMode mode) {
        long ino = p.resolve(path);
        return switch (kind) {
            case 0 -> { fs.setxattr(ino, name, value, mode); yield "set"; }
            case 1 -> Arrays.toString(fs.getxattr(ino, name));
            default -> { fs.removexattr(ino, name); yield "removed"; }
        };
    }

    private Object xattrModel(int kind, String path, String name, byte[] value, XattrMode mode) {
        return switch (kind) {
            case 0 -> { m.setxattr(path, name, value, mode); yield "set"; }
            case 1 -> Arrays.toString(m.getxattr(path, name));
            default -> { m.removexattr(path, name); yield "removed"; }
        };
    }

    private static String run(Supplier<Object> op) {
        try {
            return "ok " + op.get();
        } catch (FsException e) {
            return e.errno().name();
        }
    }

    /** The real tree in {@link ModelFs#describe}'s format. */
    private String describeFs() {
        StringBuilder sb = new StringBuilder();
        describe(FluffleFs.ROOT, "/", sb, new HashMap<>());
        return sb.toString();
    }

    private void describe(long ino, String path, StringBuilder sb, Map<Long, Integer> ids) {
        Attr a = fs.getattr(ino);
        Integer id = ids.computeIfAbsent(ino, k -> ids.size());
        sb.append(path).append(' ').append(a.type()).append(" id").append(id).append(" mode").append(Integer.toOctalString(a.mode()))
                .append(" nlink").append(a.nlink()).append(" size").append(a.size());
        if (a.type() == FileType.REGULAR) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(a.size(), 128 << 10));
            int n = fs.read(ino, 0, buf);
            int end = n;
            while (end > 0 && buf.get(end - 1) == 0) end--;
            sb.append(" data").append(Arrays.hashCode(Arrays.copyOf(buf.array(), end)));
        }
        if (a.type() == FileType.SYMLINK) sb.append(" -> ").append(fs.readlink(ino));
        for (String x : fs.listxattr(ino)) sb.append(' ').append(x).append('=').append(Arrays.toString(fs.getxattr(ino, x)));
        sb.append('\n');
        if (a.type() == FileType.DIRECTORY) {
            for (DirEntry e : fs.readdir(ino)) {
                if (!e.name().equals(".") && !e.name().equals("..")) describe(e.ino(), path + e.name() + "/", sb, ids);
            }
        }
    }
}
