package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fuse_req_ctx}: each request carries the real pid, uid, gid and umask of its caller. */
class CallerContextTest {
    @TempDir
    static Path tmp;
    static MountedMemoryFs mounted;
    static Path root;

    @BeforeAll
    static void mount() throws Exception {
        mounted = MountedMemoryFs.mount(tmp);
        root = mounted.root;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted != null) mounted.close();
    }

    private static List<Request> requests(String op, long ino) {
        return mounted.fs.calls().stream().filter(c -> c.op().equals(op) && c.ino() == ino).map(MemoryFileSystem.Call::request).toList();
    }

    private static long ino(Path p) throws Exception {
        return (Long) Files.getAttribute(p, "unix:ino");
    }

    @Test
    void childProcessPidAndRootCredentials() throws Exception {
        Path f = Files.writeString(root.resolve("cat-me"), "meow");
        FuseTestSupport.Result cat = FuseTestSupport.run(root, List.of("cat", "cat-me"));
        assertEquals("meow", cat.output());
        List<Request> opens = requests("open", ino(f));
        assertTrue(opens.stream().anyMatch(r -> r.pid() == cat.pid() && r.uid() == 0 && r.gid() == 0),
                "open by cat (pid " + cat.pid() + ") not seen in " + opens);
    }

    @Test
    void childProcessWithOtherCredentials() throws Exception {
        assumeTrue(FuseTestSupport.onPath("setpriv"), "setpriv (util-linux) missing");
        Path f = Files.writeString(root.resolve("nobody-reads"), "public");
        FuseTestSupport.Result r = FuseTestSupport.run(root,
                List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", "nobody-reads"));
        assertEquals("public", r.output());
        assertTrue(requests("open", ino(f)).stream().anyMatch(q -> q.pid() == r.pid() && q.uid() == 65534 && q.gid() == 65534),
                "open as 65534 by pid " + r.pid() + " not seen in " + requests("open", ino(f)));
        FuseTestSupport.Result denied = FuseTestSupport.run(root,
                List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "touch", "not-mine"));
        assertNotEquals(0, denied.exit(), "kernel permission check (default_permissions) let nobody write to / (0755 root)");
    }

    @Test
    void umaskArrivesWithCreateAndMkdir() throws Exception {
        FuseTestSupport.Result r = FuseTestSupport.sh(root, "umask 027 && mkdir masked-dir && umask 077 && : > masked-file");
        assertEquals(0, r.exit(), r.output());
        Request mkdir = mounted.fs.calls().stream().filter(c -> c.op().equals("mkdir") && "masked-dir".equals(c.name()))
                .findFirst().orElseThrow().request();
        Request create = mounted.fs.calls().stream().filter(c -> c.op().equals("create") && "masked-file".equals(c.name()))
                .findFirst().orElseThrow().request();
        assertEquals(027, mkdir.umask());
        assertEquals(077, create.umask());
        assertEquals("750", FuseTestSupport.sh(root, "stat -c %a masked-dir").output().trim());
        assertEquals("600", FuseTestSupport.sh(root, "stat -c %a masked-file").output().trim());
    }

    @Test
    void javaThreadArrivesAsItsThreadIdAndResolvesToThisProcess() throws Exception {
        Path f = Files.writeString(root.resolve("from-thread"), "t");
        long file = ino(f);
        FutureTask<long[]> task = new FutureTask<>(() -> {
            long tid = Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
            Files.readAllBytes(f);
            Request seen = requests("open", file).stream().filter(q -> q.pid() == tid).findFirst().orElseThrow();
            OptionalLong process = seen.processId();
            return new long[] {tid, process.orElse(-1)};
        });
        Thread.ofPlatform().start(task);
        long[] result = task.get();
        long pid = ProcessHandle.current().pid();
        assertNotEquals(pid, result[0], "test thread is not the process's initial thread");
        assertEquals(pid, result[1], "Request.processId() resolves the thread id to this JVM");
    }

    @Test
    void accessIsAskedWithTheCallersCredentialsWithoutDefaultPermissions(@TempDir Path own) throws Exception {
        assumeTrue(FuseTestSupport.onPath("setpriv"), "setpriv (util-linux) missing");
        MountOptions options = MountOptions.defaults().withAllowOther(true).withDefaultPermissions(false);
        try (MountedMemoryFs m = MountedMemoryFs.mount(own, options)) {
            Path f = Files.writeString(m.root.resolve("ro-for-others"), "x");
            String nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
            FuseTestSupport.Result r = FuseTestSupport.sh(m.root, nobody + "sh -c 'test -r ro-for-others && echo readable; test -w ro-for-others || echo not-writable'");
            assertEquals("readable\nnot-writable\n", r.output());
            long file = ino(f);
            assertTrue(m.fs.calls().stream().anyMatch(c -> c.op().equals("access") && c.ino() == file && c.request().uid() == 65534),
                    "access(2) reached the filesystem with uid 65534");
        }
    }
}
