package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A mounted {@link LowLevelFileSystem}: one libfuse low-level session, its kernel mount, and
 * the thread running libfuse's multi-threaded loop ({@code fuse_session_loop_mt_312}).
 *
 * <p><b>Lifetime.</b> {@link #mount} creates the session ({@code fuse_session_new}), mounts it
 * and starts the loop on a non-daemon thread named {@code fuse-loop}. The session ends when the
 * mount goes away: by {@link #close()}, by {@code fusermount3 -u} / {@code umount}, or by a JVM
 * shutdown (SIGINT, SIGTERM, SIGHUP) after {@link #unmountOnShutdown()}. The loop thread then
 * ends the session's {@link #kernelCache()} (later notifications do nothing), unmounts what is
 * left, calls {@code fuse_session_destroy} (which delivers
 * {@link LowLevelFileSystem#destroy}), frees the session's native memory (the
 * {@code fuse_lowlevel_ops} table and its upcall stubs, in a shared arena) and only then reports
 * the session terminated. libfuse's own signal handlers are not installed: the JVM keeps its
 * SIGINT/SIGTERM handling, so other shutdown hooks (e.g. a filesystem's final checkpoint) still
 * run.
 *
 * <p><b>Threads.</b> Requests are served on libfuse's worker threads (native threads attached to
 * the JVM on their first upcall), several at a time; see {@link LowLevelFileSystem}. All methods
 * of this class are thread-safe; {@link #close()} must not be called from inside a filesystem
 * operation of the same session (it waits for the loop, which waits for that operation).
 */
public final class FuseSession implements AutoCloseable {
    private static final System.Logger LOG = Dispatcher.LOG;
    /** How long a shutdown hook waits for busy users of a lazily detached mount. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long {@link #mount} waits for the kernel's INIT. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);

    private enum State { RUNNING, CLOSING, ENDED }

    private final Path mountPoint;
    private final MemorySegment session;
    private final Arena arena;
    private final int maxIdleThreads;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch initialized;
    private final RequestCounts counts;
    private final KillPrivNegotiation killPriv;
    private final SessionKernelCache kernelCache;
    private final Object lock = new Object();
    private State state = State.RUNNING;
    private volatile int loopResult;
    private Thread shutdownHook;

    private FuseSession(Path mountPoint, MemorySegment session, Arena arena, int maxIdleThreads, CountDownLatch initialized,
                        RequestCounts counts, KillPrivNegotiation killPriv, SessionKernelCache kernelCache) {
        this.mountPoint = mountPoint;
        this.kernelCache = kernelCache;
        this.counts = counts;
        this.killPriv = killPriv;
        this.initialized = initialized;
        this.session = session;
        this.arena = arena;
        this.maxIdleThreads = maxIdleThreads;
    }

    /** True when libfuse3 ({@code libfuse3.so.3}) can be loaded on this machine. */
    public static boolean libraryAvailable() {
        return LibFuse.available();
    }

    /**
     * Mounts {@code fs} at {@code mountPoint} (an existing directory) and starts serving it;
     * returns once the kernel's INIT has been answered ({@link LowLevelFileSystem#init} has
     * returned and, when {@code FUSE_HANDLE_KILLPRIV_V2} is being negotiated, the reply has been
     * written, so {@link #killPrivV2()} is final), so the mount is usable at once. A stale FUSE
     * mount left at {@code mountPoint} by a daemon that died is unmounted first.
     *
     * @throws IOException when libfuse is missing, the options are refused, or the mount fails
     *     (libfuse prints its reason on standard error)
     */
    public static FuseSession mount(Path mountPoint, LowLevelFileSystem fs, MountOptions options) throws IOException {
        Objects.requireNonNull(fs, "fs");
        if (!LibFuse.available()) throw new IOException("libfuse3.so.3 not found (install Debian package fuse3)");
        Path where = mountPoint.toAbsolutePath().normalize();
        Unmounter.recoverStale(where);
        if (!Files.isDirectory(where)) throw new IOException("mount point is not a directory: " + where);
        Arena arena = Arena.ofShared();
        CountDownLatch initialized = new CountDownLatch(1);
        RequestCounts counts = new RequestCounts();
        SessionKernelCache kernelCache = new SessionKernelCache();
        FuseSession s;
        try {
            MemorySegment se = newSession(arena, new Dispatcher(fs, options, initialized::countDown, counts, kernelCache), options);
            kernelCache.bind(se);
            mountSession(se, where);
            KillPrivNegotiation killPriv = fs.handlesKillPrivV2() ? customIo(se, arena) : null;
            s = new FuseSession(where, se, arena, options.maxIdleThreads(), initialized, counts, killPriv, kernelCache);
        } catch (IOException | RuntimeException | Error e) {
            kernelCache.close(); // the session is destroyed (or was never made)
            arena.close();
            throw e;
        }
        // from here on the loop thread owns the session and frees it
        Thread.ofPlatform().name("fuse-loop " + where).daemon(false).start(s::loop);
        s.awaitInit();
        LOG.log(Level.INFO, "mounted " + options.fsName() + " at " + where);
        return s;
    }

    /**
     * Waits until INIT was served. If the loop ends first the mount failed; if INIT does not come
     * within {@link #INIT_TIMEOUT}, or the wait is interrupted, the session is closed.
     */
    private void awaitInit() throws IOException {
        long deadline = System.nanoTime() + INIT_TIMEOUT.toNanos();
        try {
            while (!initialized.await(10, TimeUnit.MILLISECONDS) || !initReplyWritten()) {
                if (!isRunning()) throw new IOException("FUSE session at " + mountPoint + " ended before INIT (loop result " + loopResult + ")");
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IOException("no FUSE INIT from the kernel within " + INIT_TIMEOUT + " at " + mountPoint);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while mounting " + mountPoint, e);
        }
    }

    /** True when no INIT-editing io is installed, or once it has written the INIT reply (waits up to 10 ms). */
    private boolean initReplyWritten() throws InterruptedException {
        return killPriv == null || killPriv.awaitInitReply(10, TimeUnit.MILLISECONDS);
    }

    private static MemorySegment newSession(Arena arena, Dispatcher dispatcher, MountOptions options) throws IOException {
        MemorySegment ops = OperationTable.build(arena, dispatcher, options.readdirPlus());
        MemorySegment args = arguments(arena, options.arguments());
        MemorySegment se = call(() -> (MemorySegment) LibFuse.SESSION_NEW.invokeExact(args, ops, ops.byteSize(), MemorySegment.NULL));
        call(() -> {
            LibFuse.OPT_FREE_ARGS.invokeExact(args);
            return null;
        });
        if (se.equals(MemorySegment.NULL)) throw new IOException("fuse_session_new refused options " + options.arguments());
        return se;
    }

    private static void mountSession(MemorySegment se, Path where) throws IOException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment cPath = local.allocateFrom(where.toString());
            int rc = call(() -> (int) LibFuse.SESSION_MOUNT.invokeExact(se, cPath));
            if (rc != 0) {
                call(() -> {
                    LibFuse.SESSION_DESTROY.invokeExact(se);
                    return null;
                });
                throw new IOException("fuse_session_mount failed at " + where + " (see libfuse message above)");
            }
        }
    }

    /** Installs the INIT-editing custom io on a mounted session; on failure unmounts and destroys it. */
    private static KillPrivNegotiation customIo(MemorySegment se, Arena arena) throws IOException {
        try {
            return KillPrivNegotiation.install(se, arena);
        } catch (Throwable t) {
            call(() -> {
                LibFuse.SESSION_UNMOUNT.invokeExact(se);
                LibFuse.SESSION_DESTROY.invokeExact(se);
                return null;
            });
            throw new IOException("installing the FUSE custom io failed: " + t, t);
        }
    }

    /** A {@code struct fuse_args} over copies of {@code argv} in {@code arena}. */
    private static MemorySegment arguments(Arena arena, List<String> argv) {
        MemorySegment array = arena.allocate(ADDRESS, argv.size() + 1);
        for (int i = 0; i < argv.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
        MemorySegment args = arena.allocate(NativeStructs.ARGS);
        args.set(JAVA_INT, NativeStructs.offset(NativeStructs.ARGS, "argc"), argv.size());
        args.set(ADDRESS, NativeStructs.offset(NativeStructs.ARGS, "argv"), array);
        args.set(JAVA_INT, NativeStructs.offset(NativeStructs.ARGS, "allocated"), 0);
        return args;
    }

    /** The loop thread: serve until the mount is gone, then tear everything down in order. */
    private void loop() {
        try {
            MemorySegment config = call(() -> (MemorySegment) LibFuse.LOOP_CFG_CREATE.invokeExact());
            call(() -> {
                LibFuse.LOOP_CFG_SET_IDLE.invokeExact(config, maxIdleThreads);
                return null;
            });
            loopResult = call(() -> (int) LibFuse.SESSION_LOOP_MT.invokeExact(session, config));
            call(() -> {
                LibFuse.LOOP_CFG_DESTROY.invokeExact(config);
                return null;
            });
            if (loopResult != 0) LOG.log(Level.WARNING, "fuse loop at " + mountPoint + " ended with " + loopResult);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "fuse loop at " + mountPoint + " failed: " + e, e);
        } finally {
            teardown();
        }
    }

    private void teardown() {
        synchronized (lock) {
            state = State.ENDED;
        }
        kernelCache.close(); // waits for notifications in progress; later ones do nothing
        try {
            call(() -> {
                LibFuse.SESSION_UNMOUNT.invokeExact(session);
                LibFuse.SESSION_DESTROY.invokeExact(session);
                return null;
            });
        } catch (IOException e) {
            LOG.log(Level.ERROR, "fuse teardown at " + mountPoint + " failed: " + e, e);
        } finally {
            arena.close();
            terminated.countDown();
            LOG.log(Level.INFO, "unmounted " + mountPoint);
            LOG.log(Level.DEBUG, "requests served at " + mountPoint + ": " + counts.snapshot());
        }
    }

    /** Where the filesystem is mounted. */
    public Path mountPoint() {
        return mountPoint;
    }

    /**
     * How many requests of each operation this session has served so far (operation names as
     * in the {@code -vv} trace, e.g. {@code write}, {@code getxattr}); a snapshot, safe to call
     * at any time.
     */
    public java.util.Map<String, Long> requestCounts() {
        return counts.snapshot();
    }

    /**
     * True when the kernel's INIT was answered with {@code FUSE_HANDLE_KILLPRIV_V2}: the
     * filesystem declared {@link LowLevelFileSystem#handlesKillPrivV2()}, the kernel offered the
     * flag, and libfuse's session layout was recognised.
     */
    public boolean killPrivV2() {
        return killPriv != null && killPriv.negotiated();
    }

    /**
     * True when the INIT-editing io is installed and the kernel's INIT offered
     * {@code FUSE_HANDLE_KILLPRIV_V2}; false when either is not the case (an older kernel, or a
     * filesystem that does not clear the bits itself). For tests and diagnostics.
     */
    boolean kernelOfferedKillPrivV2() {
        return killPriv != null && killPriv.offered();
    }

    /**
     * This session's kernel caches (the one {@link LowLevelFileSystem#init} received): to
     * invalidate what the kernel cached about an inode changed behind its back. A no-op once the
     * session has ended. Thread-safe.
     */
    public KernelCache kernelCache() {
        return kernelCache;
    }

    /** True until the session has terminated. */
    public boolean isRunning() {
        return terminated.getCount() > 0;
    }

    /** The loop's result once terminated: 0, or a negative errno if libfuse failed. */
    public int loopResult() {
        return loopResult;
    }

    /** Waits until the session has terminated (unmounted and destroyed). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Waits up to {@code timeout}; true if the session has terminated. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Asks the session to end and returns at once (use {@link #awaitTermination} to wait): lazily
     * unmounts it, after which the kernel ends the connection as soon as no process uses the
     * mount, and the loop returns. Should the unmount fail, the session is marked exited
     * ({@code fuse_session_exit}) instead: the loop then returns after its next request and the
     * loop thread's own {@code fuse_session_unmount} tries again. Idempotent; does nothing once
     * the session has ended.
     */
    public void requestUnmount() {
        synchronized (lock) {
            if (state != State.RUNNING) return;
            state = State.CLOSING;
        }
        if (Unmounter.lazy(mountPoint)) return;
        LOG.log(Level.ERROR, "could not unmount " + mountPoint + "; ending the session at its next request");
        synchronized (lock) {
            if (state == State.ENDED) return;
            try {
                call(() -> {
                    LibFuse.SESSION_EXIT.invokeExact(session);
                    return null;
                });
            } catch (IOException e) {
                LOG.log(Level.ERROR, "fuse_session_exit failed: " + e, e);
            }
        }
    }

    /**
     * Unmounts and waits until the session has terminated. If processes still use the mount,
     * it stays (detached) until they leave, and this method waits for that.
     */
    @Override
    public void close() {
        requestUnmount();
        boolean interrupted = false;
        while (isRunning()) {
            try {
                awaitTermination();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        removeShutdownHook();
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Registers a JVM shutdown hook that unmounts this session and waits for it to terminate
     * (at most 10 s: past that, processes still inside the mount see ENOTCONN once the JVM is
     * gone). Returns this session.
     */
    public FuseSession unmountOnShutdown() {
        Thread hook = Thread.ofPlatform().name("fuse-unmount " + mountPoint).unstarted(() -> {
            requestUnmount();
            try {
                if (!awaitTermination(SHUTDOWN_GRACE)) LOG.log(Level.WARNING, mountPoint + " still busy at exit");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        synchronized (lock) {
            shutdownHook = hook;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    private void removeShutdownHook() {
        Thread hook;
        synchronized (lock) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook == null || hook == Thread.currentThread()) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it finds the session ended and returns
        }
    }

    @FunctionalInterface
    private interface NativeCall<T> {
        T call() throws Throwable;
    }

    /** Runs a downcall; a Throwable from the handle itself (a binding bug) becomes IOException. */
    private static <T> T call(NativeCall<T> c) throws IOException {
        try {
            return c.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native call failed", t);
        }
    }
}
