package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Negotiates {@code FUSE_HANDLE_KILLPRIV_V2}, which libfuse 3.14's API cannot ask for, by
 * editing the one reply that carries it: the answer to the kernel's INIT.
 *
 * <p><b>Why.</b> Without it the kernel keeps {@code SB_NOSEC} off a FUSE mount, so before every
 * buffered write it asks the server for {@code security.capability} ({@code file_remove_privs}):
 * two requests per write. With it the kernel asks once per inode (until the inode's attributes
 * are refreshed), and the <em>server</em> clears set-user-ID and set-group-ID on write, truncate,
 * chown and {@code open(O_TRUNC)}; see {@link LowLevelFileSystem#handlesKillPrivV2()}.
 *
 * <p><b>How.</b> {@link #install} gives the mounted session a {@code struct fuse_custom_io}
 * ({@code fuse_session_custom_io}) over the session's own {@code /dev/fuse} descriptor whose
 * {@code read} and {@code writev} are Java upcalls doing the plain system calls. The read that
 * returns the INIT request notes its {@code unique} and whether the kernel offers the flag (bit
 * 28 of {@code fuse_init_in.flags}); the writev that sends the reply with that {@code unique}
 * ORs the bit into {@code fuse_init_out.flags} when the kernel offered it. Each upcall then
 * points libfuse's copy of the structure at libc's {@code read} / {@code writev} (libc's
 * functions take the three leading arguments; the fourth, {@code userdata}, is ignored under the
 * SysV x86-64 ABI), so after INIT no request pays anything extra. libfuse's copy is found at
 * {@code fuse_session.io} (offset 16, after {@code mountpoint} and {@code exited}, {@code fd});
 * the layout is checked before and after the call ({@code fd} at offset 12 equals
 * {@code fuse_session_fd}, {@code io} is NULL before and holds exactly our two functions after).
 * If the layout is not the expected one, nothing is installed and the mount works as before.
 *
 * <p>Thread-safety: the upcalls may run on several libfuse worker threads at once; the state
 * they share is volatile, and replacing a function pointer is one aligned 8-byte store (the old
 * and the new function both do the right thing, so a thread that still sees the old one is fine).
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class KillPrivNegotiation {
    private static final System.Logger LOG = Dispatcher.LOG;
    /** {@code FUSE_HANDLE_KILLPRIV_V2} in {@code fuse_init_in.flags} / {@code fuse_init_out.flags}. */
    static final int HANDLE_KILLPRIV_V2 = 1 << 28;
    /** {@code FUSE_INIT} opcode. */
    static final int OPCODE_INIT = 26;
    /** {@code struct fuse_in_header}: len 0, opcode 4, unique 8, ... size 40; then {@code fuse_init_in}: flags at 12. */
    private static final long IN_OPCODE = 4, IN_UNIQUE = 8, IN_HEADER = 40, INIT_IN_FLAGS = 12;
    /** {@code struct fuse_out_header}: len 0, error 4, unique 8; {@code fuse_init_out}: flags at 12. */
    private static final long OUT_ERROR = 4, OUT_UNIQUE = 8, OUT_HEADER = 16, INIT_OUT_FLAGS = 12;
    /** {@code struct iovec}: base 0, len 8. */
    private static final long IOVEC = 16;
    /** {@code struct fuse_session} (private; libfuse 3.14): fd at 12, io at 16, checked in {@link #install}. */
    private static final long SESSION_FD = 12, SESSION_IO = 16;
    /** {@code struct fuse_custom_io}: writev, read, splice_receive, splice_send. */
    private static final long IO_WRITEV = 0, IO_READ = 8, IO_SIZE = 32;

    private final MemorySegment plainRead = LibFuse.libcFunction("read");
    private final MemorySegment plainWritev = LibFuse.libcFunction("writev");
    private MemorySegment readStub;
    private MemorySegment writevStub;
    /** libfuse's copy of the io structure, once found. */
    private volatile MemorySegment installed;
    /** The INIT request's unique, or -1 until it was read. */
    private volatile long initUnique = -1;
    private volatile boolean offered;
    private volatile boolean negotiated;
    /** Counted down once the INIT reply has been written (or its write failed). */
    private final CountDownLatch initReplied = new CountDownLatch(1);

    private KillPrivNegotiation() {}

    /**
     * Installs the custom io on {@code se}, a mounted session whose loop has not started, with
     * the upcall stubs and the io structure in {@code arena} (which must outlive the session).
     * Returns null, with a log line, when the session's layout is not the one expected or libfuse
     * refuses; the session is then unchanged.
     */
    static KillPrivNegotiation install(MemorySegment se, Arena arena) throws Throwable {
        int fd = (int) LibFuse.SESSION_FD.invokeExact(se);
        MemorySegment head = se.reinterpret(SESSION_IO + ADDRESS.byteSize());
        if (fd < 0 || head.get(JAVA_INT, SESSION_FD) != fd || !head.get(ADDRESS, SESSION_IO).equals(MemorySegment.NULL)) {
            LOG.log(Level.INFO, "libfuse session layout not recognised; FUSE_HANDLE_KILLPRIV_V2 not negotiated");
            return null;
        }
        KillPrivNegotiation n = new KillPrivNegotiation();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle read = lookup.findVirtual(KillPrivNegotiation.class, "read",
                MethodType.methodType(long.class, int.class, MemorySegment.class, long.class, MemorySegment.class)).bindTo(n);
        MethodHandle writev = lookup.findVirtual(KillPrivNegotiation.class, "writev",
                MethodType.methodType(long.class, int.class, MemorySegment.class, int.class, MemorySegment.class)).bindTo(n);
        n.readStub = LibFuse.linker().upcallStub(read, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS), arena);
        n.writevStub = LibFuse.linker().upcallStub(writev, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), arena);
        MemorySegment io = arena.allocate(IO_SIZE, ADDRESS.byteAlignment());
        io.set(ADDRESS, IO_WRITEV, n.writevStub);
        io.set(ADDRESS, IO_READ, n.readStub);
        int rc = (int) LibFuse.SESSION_CUSTOM_IO.invokeExact(se, io, fd);
        if (rc != 0) {
            LOG.log(Level.WARNING, "fuse_session_custom_io failed (" + rc + "); FUSE_HANDLE_KILLPRIV_V2 not negotiated");
            return null;
        }
        MemorySegment copy = head.get(ADDRESS, SESSION_IO).reinterpret(IO_SIZE);
        if (copy.get(ADDRESS, IO_WRITEV).equals(n.writevStub) && copy.get(ADDRESS, IO_READ).equals(n.readStub)) {
            n.installed = copy;
        } else {
            // correct, only slower: every request then passes through the upcalls
            LOG.log(Level.WARNING, "libfuse's copy of the custom io not found; requests keep passing through Java");
        }
        return n;
    }

    /** True once the INIT reply carried {@code FUSE_HANDLE_KILLPRIV_V2} (the kernel offered it). */
    boolean negotiated() {
        return negotiated;
    }

    /** True once the kernel's INIT request offered {@code FUSE_HANDLE_KILLPRIV_V2} (Linux 5.11 and later). */
    boolean offered() {
        return offered;
    }

    /**
     * Waits up to {@code timeout} for the INIT reply to have been written. libfuse calls the
     * filesystem's {@code init} <em>before</em> it sends the reply, so a caller that saw
     * {@code init} return must wait here before {@link #negotiated()} is final.
     */
    boolean awaitInitReply(long timeout, TimeUnit unit) throws InterruptedException {
        return initReplied.await(timeout, unit);
    }

    /** The {@code read} of the custom io: libc's read, noting the INIT request. Never throws. */
    private long read(int fd, MemorySegment buf, long len, MemorySegment userdata) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(LibFuse.CALL_STATE_SIZE);
            long n = (long) LibFuse.READ.invokeExact(state, fd, buf, len);
            if (n < 0) {
                setErrno((int) LibFuse.ERRNO.get(state, 0L));
                return n;
            }
            MemorySegment request = buf.reinterpret(n);
            if (n >= IN_HEADER + INIT_IN_FLAGS + 4 && request.get(JAVA_INT, IN_OPCODE) == OPCODE_INIT) {
                offered = (request.get(JAVA_INT, IN_HEADER + INIT_IN_FLAGS) & HANDLE_KILLPRIV_V2) != 0;
                initUnique = request.get(JAVA_LONG, IN_UNIQUE);
                swap(IO_READ, plainRead);
            }
            return n;
        } catch (Throwable t) {
            return failed("read", t);
        }
    }

    /** The {@code writev} of the custom io: libc's writev, editing the INIT reply. Never throws. */
    private long writev(int fd, MemorySegment iov, int count, MemorySegment userdata) {
        try (Arena a = Arena.ofConfined()) {
            boolean initReply = isInitReply(iov, count);
            try {
                if (initReply && offered) setFlag(iov);
                MemorySegment state = a.allocate(LibFuse.CALL_STATE_SIZE);
                long n = (long) LibFuse.WRITEV.invokeExact(state, fd, iov, count);
                if (n < 0) setErrno((int) LibFuse.ERRNO.get(state, 0L));
                if (initReply) {
                    negotiated = n >= 0 && offered;
                    LOG.log(Level.DEBUG, "fuse init reply: FUSE_HANDLE_KILLPRIV_V2 " + (negotiated ? "negotiated" : "not offered"));
                    swap(IO_WRITEV, plainWritev);
                }
                return n;
            } finally {
                if (initReply) initReplied.countDown();
            }
        } catch (Throwable t) {
            return failed("writev", t);
        }
    }

    private boolean isInitReply(MemorySegment iov, int count) {
        long unique = initUnique;
        if (unique < 0 || count < 1) return false;
        MemorySegment v = iov.reinterpret(count * IOVEC);
        if (v.get(JAVA_LONG, 8) < OUT_HEADER) return false;
        return v.get(ADDRESS, 0).reinterpret(OUT_HEADER).get(JAVA_LONG, OUT_UNIQUE) == unique;
    }

    /** ORs the flag into {@code fuse_init_out.flags} of a successful INIT reply. */
    private static void setFlag(MemorySegment iov) {
        MemorySegment v = iov.reinterpret(2 * IOVEC);
        MemorySegment header = v.get(ADDRESS, 0).reinterpret(OUT_HEADER);
        if (header.get(JAVA_INT, OUT_ERROR) != 0 || v.get(JAVA_LONG, IOVEC + 8) < INIT_OUT_FLAGS + 4) return;
        MemorySegment out = v.get(ADDRESS, IOVEC).reinterpret(INIT_OUT_FLAGS + 4);
        out.set(JAVA_INT, INIT_OUT_FLAGS, out.get(JAVA_INT, INIT_OUT_FLAGS) | HANDLE_KILLPRIV_V2);
    }

    /** Points libfuse's io structure at a plain libc function from now on. */
    private void swap(long field, MemorySegment function) {
        MemorySegment io = installed;
        if (io != null) io.set(ADDRESS, field, function);
    }

    private static long failed(String what, Throwable t) {
        LOG.log(Level.ERROR, "fuse custom io " + what + " failed: " + t, t);
        try {
            setErrno(Errno.EIO.code());
        } catch (Throwable ignored) {
            // nothing more can be done inside an upcall
        }
        return -1;
    }

    private static void setErrno(int errno) throws Throwable {
        MemorySegment where = (MemorySegment) LibFuse.ERRNO_LOCATION.invokeExact();
        where.reinterpret(JAVA_INT.byteSize()).set(JAVA_INT, 0, errno);
    }
}
