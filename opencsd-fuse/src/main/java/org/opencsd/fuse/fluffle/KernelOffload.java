package org.opencsd.fuse.fluffle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.opencsd.csd.CallContext;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.CsdException;
import org.opencsd.csd.CsdResult;
import org.opencsd.csd.ExecuteRequest;
import org.opencsd.csd.LbaGrant;
import org.opencsd.csd.LbaRange;
import org.opencsd.csd.ProgramOptions;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.fluffle.Attr;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.Extent;
import org.opencsd.fluffle.FileType;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.PathView;
import org.opencsd.fluffle.Snapshot;
import org.opencsd.fuse.Errno;
import org.opencsd.fuse.ErrnoException;
import org.opencsd.fuse.OpenFlags;
import org.opencsd.fuse.OpenResult;
import org.opencsd.fuse.Request;
import org.opencsd.fuse.XattrSetMode;

/**
 * Per-process offload through {@code user.process.csd_*} attributes (see {@code docs/mount.md}).
 * {@code csd_read_stream} has the original OpenCSD's semantics; {@code csd_write_stream}
 * ({@link #transformWrite}), {@code csd_read_event} and {@code csd_write_event} (kernel after the
 * operation, result in {@code KEY.result}, {@link #runEvent}) are the three it designed:
 *
 * <ul>
 *   <li>The value is the decimal inode number of a kernel ELF stored on this mount, or a path
 *       (from the mount's root). The calling process must hold the file open (EBADF otherwise);
 *       XATTR_CREATE on a set key EEXIST, XATTR_REPLACE on an unset key ENODATA, a missing kernel
 *       ENOENT, a kernel that fails to load or verify EINVAL and one log line.
 *   <li>The attachment belongs to the calling process (thread group id), pins a snapshot of the
 *       file taken at attach time, and loads the kernel into a device slot. The grant of each
 *       execution is exactly the snapshot's blocks.
 *   <li>A read of that process through a direct-I/O handle (handles it opens while attached, or
 *       opens with O_DIRECT; with {@link OffloadOptions#directIoAll()}, every handle, as in the
 *       original; they get {@code direct_io} and {@code keep_cache}) runs the kernel
 *       with a READ_STREAM call context for the request clipped to the snapshot's size and
 *       returns the kernel's data up to the size asked; a request at or past end of file returns
 *       0 bytes. Cached handles, and every other process, read the plain file. A sequential
 *       reader's next requests run ahead on the device ({@link ReadAhead}).
 *   <li>A faulting or runaway kernel (the device's limits) gives EIO and one log line.
 *   <li>The attachment ends with {@code removexattr}, or when the process releases its last handle
 *       of the file; {@code listxattr} shows it to that process only.
 * </ul>
 *
 * <p>Thread-safe: one monitor guards the tables; kernels run outside it, concurrently.
 */
public final class KernelOffload implements OffloadHook {
    /** The attribute that attaches a read-stream kernel. */
    public static final String READ_STREAM = "user.process.csd_read_stream";
    /** The attribute that runs a kernel after each direct read of the process (result in {@code .result}). */
    public static final String READ_EVENT = "user.process.csd_read_event";
    /** The attribute that runs a kernel after each write of the process (result in {@code .result}). */
    public static final String WRITE_EVENT = "user.process.csd_write_event";
    /** The attribute that transforms the process's writes through a kernel before they are stored. */
    public static final String WRITE_STREAM = "user.process.csd_write_stream";
    /** Call-context operation of a write-stream run (the original defined 0 and 1 only). */
    public static final int OP_WRITE_STREAM = 2;
    /** Suffix of the attribute holding an event kernel's latest result. */
    public static final String RESULT = ".result";
    private static final List<String> KINDS = List.of(READ_STREAM, WRITE_STREAM, READ_EVENT, WRITE_EVENT);
    private static final System.Logger LOG = System.getLogger("org.opencsd.fuse.fluffle.offload");

    private final FluffleFs fs;
    private final ComputationalStorageDevice csd;
    private final int lbaSize;
    private final BitSet usedSlots = new BitSet();
    private final Map<Key, Attachment> attachments = new HashMap<>();
    private final Map<Long, Handle> handles = new HashMap<>();
    private final Map<Key, byte[]> results = new HashMap<>();
    /**
     * How many write-event attachments exist (any process, any file), recounted under the
     * monitor whenever the attachments change: a write with none to run pays no process lookup.
     */
    private volatile int writeEvents;

    private record Key(long pid, long ino, String kind) {}

    private record Handle(long pid, long ino, boolean direct) {}

    private final OffloadOptions options;

    /** A loaded kernel; {@code ahead} is the read-ahead of a read-stream attachment, else null. */
    private record Attachment(long kernelIno, int slot, Snapshot snapshot, LbaGrant grant, ReadAhead ahead) {}

    /** Offload on {@code csd}, which must sit on the same zoned device as {@code fs}, with default options. */
    public KernelOffload(FluffleFs fs, ComputationalStorageDevice csd) {
        this(fs, csd, OffloadOptions.defaults(csd));
    }

    /** Offload on {@code csd}, which must sit on the same zoned device as {@code fs}. */
    public KernelOffload(FluffleFs fs, ComputationalStorageDevice csd, OffloadOptions options) {
        this.fs = fs;
        this.csd = csd;
        this.lbaSize = csd.zonedDevice().geometry().lbaSize();
        this.options = options;
    }

    @Override
    public boolean handles(String name) {
        return KINDS.contains(name) || (name.endsWith(RESULT) && KINDS.contains(name.substring(0, name.length() - RESULT.length())));
    }

    @Override
    public OpenResult opened(Request r, long ino, long fh, OpenFlags flags, OpenResult plain) {
        long pid = pid(r);
        synchronized (this) {
            boolean attached = pid > 0 && attachments.keySet().stream().anyMatch(k -> k.pid() == pid);
            boolean direct = options.directIoAll() || attached || flags.direct();
            handles.put(fh, new Handle(pid, ino, direct));
            return direct ? plain.withDirectIo(true).withKeepCache(true) : plain;
        }
    }

    @Override
    public boolean read(Request r, long ino, long fh, long offset, ByteBuffer dst) throws IOException {
        Attachment stream;
        Attachment event;
        long pid;
        synchronized (this) {
            Handle h = handles.get(fh);
            if (h == null || !h.direct()) return false;
            pid = h.pid();
            stream = attachments.get(new Key(pid, ino, READ_STREAM));
            event = attachments.get(new Key(pid, ino, READ_EVENT));
        }
        if (stream == null && event == null) return false;
        if (stream == null) {
            int start = dst.position();
            int n = FluffleFileSystem.call(() -> fs.read(ino, offset, dst));
            if (n > 0) runEvent(new Key(pid, ino, READ_EVENT), event, CallContext.OP_READ_STREAM, offset, n);
            dst.position(start + Math.max(n, 0));
            return true;
        }
        if (offset >= stream.snapshot().size()) return true;
        int asked = dst.remaining();
        CompletableFuture<CsdResult> run;
        try {
            run = stream.ahead().result(offset, asked);
        } catch (CsdException e) {
            run = CompletableFuture.failedFuture(e);
        }
        byte[] data = await(run, stream, ino, offset);
        stream.ahead().succeeded(offset, asked);
        dst.put(data, 0, Math.min(data.length, dst.remaining()));
        return true;
    }

    /**
     * Starts a read-stream run in {@code slot} for {@code asked} bytes at {@code offset} of {@code s}
     * (clipped to its size). Holes are listed as {@link Snapshot#HOLE}, which is the device's
     * {@link CallContext#HOLE}: kernels read them as zeroes.
     */
    private CompletableFuture<CsdResult> startStream(int slot, LbaGrant grant, Snapshot s, long offset, int asked) {
        long size = Math.min(asked, s.size() - offset);
        CallContext ctx = new CallContext(CallContext.OP_READ_STREAM, size, offset, s.ino(), 0, 0, s.size(), s.lbas(offset, size));
        return csd.submit(ExecuteRequest.of(slot, grant, ctx));
    }

    /**
     * Write stream: a direct handle's write runs the kernel with the bytes as its parameter data
     * (r1/r2) and a call context of operation {@value #OP_WRITE_STREAM} (size, offset, inode, file
     * size, no LBAs, no grant); its return data, which must have the same length, is stored
     * instead. Any failure gives the writer EIO (nothing written) and a log line.
     */
    @Override
    public ByteBuffer transformWrite(Request r, long ino, long fh, long offset, ByteBuffer src) throws IOException {
        Attachment a;
        synchronized (this) {
            Handle h = handles.get(fh);
            if (h == null || !h.direct()) return src;
            a = attachments.get(new Key(h.pid(), ino, WRITE_STREAM));
        }
        if (a == null) return src;
        byte[] in = new byte[src.remaining()];
        src.duplicate().get(in);
        long fileSize = FluffleFileSystem.call(() -> fs.getattr(ino)).size();
        CallContext ctx = new CallContext(OP_WRITE_STREAM, in.length, offset, ino, 0, 0, fileSize, new long[0]);
        byte[] out = run(a, ino, offset, ctx, in);
        if (out.length != in.length) {
            LOG.log(System.Logger.Level.WARNING, "write-stream kernel inode " + a.kernelIno() + " returned " + out.length
                    + " bytes for " + in.length);
            throw new ErrnoException(Errno.EIO, "write-stream kernel changed the length");
        }
        return ByteBuffer.wrap(out);
    }

    @Override
    public void written(Request r, long ino, long fh, long offset, int n) {
        if (n <= 0 || writeEvents == 0) return;
        Key key = new Key(pid(r), ino, WRITE_EVENT);
        Attachment event;
        synchronized (this) {
            event = attachments.get(key);
        }
        if (event != null) runEvent(key, event, CallContext.OP_WRITE_EVENT, offset, n);
    }

    /**
     * Runs an event kernel on bytes {@code [offset, offset + n)} of the file as they are now (a
     * snapshot of this moment, granted exactly), and keeps its result for {@code .result}. The
     * operation itself has succeeded already: a failing kernel leaves no result and a log line,
     * and never blocks the caller past the wall-time limit.
     */
    private void runEvent(Key key, Attachment a, int op, long offset, long n) {
        try (Snapshot s = fs.snapshot(key.ino())) {
            long size = Math.min(n, Math.max(0, s.size() - offset));
            CallContext ctx = new CallContext(op, size, offset, key.ino(), 0, 0, s.size(), s.lbas(offset, size));
            byte[] out = run(new Attachment(a.kernelIno(), a.slot(), s, grant(s), null), key.ino(), offset, ctx);
            synchronized (this) {
                if (attachments.get(key) == a) results.put(key, out);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                results.remove(key);
            }
            LOG.log(System.Logger.Level.WARNING, "event kernel inode " + a.kernelIno() + " on inode " + key.ino() + ": " + e.getMessage());
        }
    }

    private byte[] run(Attachment a, long ino, long offset, CallContext ctx) throws ErrnoException {
        return run(a, ino, offset, ctx, null);
    }

    private byte[] run(Attachment a, long ino, long offset, CallContext ctx, byte[] parameters) throws ErrnoException {
        CompletableFuture<CsdResult> run;
        try {
            // submit: the wall-time limit answers the caller even while a runaway kernel still spins
            run = csd.submit(ExecuteRequest.of(a.slot(), a.grant(), ctx).withParameters(parameters));
        } catch (CsdException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return await(run, a, ino, offset);
    }

    /** The return data of a run, its debug lines logged; a failure logs one line and is EIO. */
    private static byte[] await(CompletableFuture<CsdResult> run, Attachment a, long ino, long offset) throws ErrnoException {
        CsdResult result;
        try {
            result = run.join();
        } catch (CompletionException | CancellationException w) {
            Throwable c = w instanceof CompletionException ? w.getCause() : w;
            String what = c instanceof CsdException e ? e.error() + ": " + e.getMessage() : String.valueOf(c);
            LOG.log(System.Logger.Level.WARNING, "kernel inode " + a.kernelIno() + " on inode " + ino + " offset " + offset + ": " + what);
            throw new ErrnoException(Errno.EIO, "kernel failed: " + what);
        }
        for (String line : result.debugMessages()) LOG.log(System.Logger.Level.INFO, "bpf_debug inode " + ino + ": " + line);
        return result.returnData();
    }

    private static LbaGrant grant(Snapshot snap) {
        List<LbaRange> ranges = new ArrayList<>();
        for (Extent e : snap.extents()) ranges.add(LbaRange.read(e.lba(), e.count()));
        return LbaGrant.of(ranges);
    }

    @Override
    public void released(long ino, long fh) {
        List<Attachment> gone = null;
        synchronized (this) {
            Handle h = handles.remove(fh);
            if (h == null) return;
            boolean more = handles.values().stream().anyMatch(o -> o.pid() == h.pid() && o.ino() == ino);
            if (!more) {
                gone = new ArrayList<>();
                for (String kind : KINDS) {
                    Attachment a = attachments.remove(new Key(h.pid(), ino, kind));
                    results.remove(new Key(h.pid(), ino, kind));
                    if (a != null) gone.add(a);
                }
                recountWriteEvents();
            }
        }
        if (gone != null) gone.forEach(this::release);
    }

    @Override
    public void setxattr(Request r, long ino, String name, byte[] value, XattrSetMode mode) throws IOException {
        if (name.endsWith(RESULT)) throw new ErrnoException(Errno.EPERM, name + " is written by the kernel only");
        long pid = pid(r);
        Key key = new Key(pid, ino, name);
        synchronized (this) {
            if (pid <= 0 || handles.values().stream().noneMatch(h -> h.pid() == pid && h.ino() == ino)) {
                throw new ErrnoException(Errno.EBADF, "the file must be open by the calling process");
            }
            if (mode == XattrSetMode.CREATE && attachments.containsKey(key)) throw new ErrnoException(Errno.EEXIST, name);
            if (mode == XattrSetMode.REPLACE && !attachments.containsKey(key)) throw new ErrnoException(Errno.ENODATA, name);
        }
        Attr target = FluffleFileSystem.call(() -> fs.getattr(ino));
        if (target.type() != FileType.REGULAR) throw new ErrnoException(Errno.EINVAL, "offload needs a regular file");
        long kernelIno = kernelInode(new String(value, StandardCharsets.UTF_8).trim(), r);
        Attr k = FluffleFileSystem.call(() -> fs.getattr(kernelIno));
        if (k.type() != FileType.REGULAR || k.size() == 0 || k.size() > (16 << 20)) {
            throw new ErrnoException(Errno.EINVAL, "inode " + kernelIno + " is not a kernel object file");
        }
        ByteBuffer elf = ByteBuffer.allocate((int) k.size());
        FluffleFileSystem.call(() -> fs.read(kernelIno, 0, elf));
        int slot = takeSlot();
        Snapshot snap = null;
        try {
            csd.loadElf(slot, "inode-" + kernelIno, elf.array(), ProgramOptions.DEFAULTS.withEngine(EngineKind.JIT));
            csd.activate(slot);
            if (READ_STREAM.equals(name)) snap = FluffleFileSystem.call(() -> fs.snapshot(ino));
        } catch (CsdException e) {
            freeSlot(slot);
            LOG.log(System.Logger.Level.WARNING, "kernel inode " + kernelIno + " refused: " + e.getMessage());
            throw new ErrnoException(Errno.EINVAL, "kernel refused: " + e.getMessage());
        } catch (ErrnoException e) {
            freeSlot(slot);
            throw e;
        }
        Attachment a = attachment(kernelIno, slot, snap);
        Attachment old;
        synchronized (this) {
            old = attachments.put(key, a);
            results.remove(key);
            recountWriteEvents();
        }
        if (old != null) release(old);
    }

    /** The attachment of a kernel just loaded; a read-stream one ({@code snap} set) gets its read-ahead. */
    private Attachment attachment(long kernelIno, int slot, Snapshot snap) {
        if (snap == null) return new Attachment(kernelIno, slot, null, LbaGrant.none(), null);
        LbaGrant g = grant(snap);
        ReadAhead ahead = new ReadAhead(options.readAhead(), snap.size(), (off, size) -> startStream(slot, g, snap, off, size));
        return new Attachment(kernelIno, slot, snap, g, ahead);
    }

    private long kernelInode(String value, Request r) throws ErrnoException {
        if (value.matches("[0-9]{1,19}")) {
            long ino = Long.parseLong(value);
            FluffleFileSystem.call(() -> fs.getattr(ino));
            return ino;
        }
        if (value.isEmpty()) throw new ErrnoException(Errno.EINVAL, "empty kernel reference");
        return FluffleFileSystem.call(() -> new PathView(fs, new Credentials(r.uid(), r.gid())).resolve(value));
    }

    @Override
    public byte[] getxattr(Request r, long ino, String name) throws IOException {
        if (name.endsWith(RESULT)) {
            byte[] out;
            synchronized (this) {
                out = results.get(new Key(pid(r), ino, name.substring(0, name.length() - RESULT.length())));
            }
            if (out == null) throw new ErrnoException(Errno.ENODATA, name);
            return out;
        }
        Attachment a;
        synchronized (this) {
            a = attachments.get(new Key(pid(r), ino, name));
        }
        if (a == null) throw new ErrnoException(Errno.ENODATA, name);
        return Long.toString(a.kernelIno()).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void removexattr(Request r, long ino, String name) throws IOException {
        if (name.endsWith(RESULT)) throw new ErrnoException(Errno.EPERM, name + " goes with its attachment");
        Attachment a;
        synchronized (this) {
            a = attachments.remove(new Key(pid(r), ino, name));
            results.remove(new Key(pid(r), ino, name));
            recountWriteEvents();
        }
        if (a == null) throw new ErrnoException(Errno.ENODATA, name);
        release(a);
    }

    @Override
    public List<String> listxattr(Request r, long ino, List<String> stored) {
        List<String> all = new ArrayList<>(stored);
        long pid = pid(r);
        synchronized (this) {
            for (String kind : KINDS) {
                Key key = new Key(pid, ino, kind);
                if (attachments.containsKey(key)) all.add(kind);
                if (results.containsKey(key)) all.add(kind + RESULT);
            }
        }
        return all;
    }

    @Override
    public void close() {
        List<Attachment> all;
        synchronized (this) {
            all = new ArrayList<>(attachments.values());
            attachments.clear();
            results.clear();
            handles.clear();
            recountWriteEvents();
        }
        all.forEach(this::release);
    }

    /** Attachments in force (for tests and diagnostics). */
    public synchronized int attachments() {
        return attachments.size();
    }

    private void release(Attachment a) {
        if (a.ahead() != null) {
            // speculative runs may still read the snapshot's blocks: unpin them when those have ended
            a.ahead().close().thenRun(a.snapshot()::close);
        } else if (a.snapshot() != null) {
            a.snapshot().close();
        }
        try {
            csd.deactivate(a.slot());
            csd.unload(a.slot());
            freeSlot(a.slot());
        } catch (CsdException e) {
            // e.g. a runaway kernel still running there: the slot stays taken rather than reused half-freed
            LOG.log(System.Logger.Level.WARNING, "slot " + a.slot() + " not freed: " + e.getMessage());
        }
    }

    private synchronized int takeSlot() throws ErrnoException {
        int slot = usedSlots.nextClearBit(0);
        if (slot >= csd.slotCount()) throw new ErrnoException(Errno.EBUSY, "all " + csd.slotCount() + " program slots in use");
        usedSlots.set(slot);
        return slot;
    }

    private synchronized void freeSlot(int slot) {
        usedSlots.clear(slot);
    }

    /** Call with the monitor held, after changing {@link #attachments}. */
    private void recountWriteEvents() {
        int n = 0;
        for (Key k : attachments.keySet()) if (k.kind().equals(WRITE_EVENT)) n++;
        writeEvents = n;
    }

    private static long pid(Request r) {
        OptionalLong p = r.processId();
        return p.isPresent() ? p.getAsLong() : -1;
    }
}
