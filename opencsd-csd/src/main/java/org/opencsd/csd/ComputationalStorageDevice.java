package org.opencsd.csd;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.opencsd.ebpf.BpfException;
import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.zns.ZonedDevice;

/**
 * A computational storage device over a {@link ZonedDevice}, in the shape of the NVMe
 * Computational Programs command set (TP4091) and Subsystem Local Memory (TP4131):
 * <ul>
 *   <li>program slots: {@link #load}, {@link #unload}, {@link #activate}, {@link #deactivate}
 *       (state machine in {@link SlotState}); a program is verified at load and its engine is
 *       built once per slot (compiled once: at load for JIT, when hot for AUTO);</li>
 *   <li>device memory: a bounded pool ({@link #memory()}) of ranges the host allocates, fills,
 *       reads and copies LBAs into ({@link #copyToMemory}), which executions map;</li>
 *   <li>Execute Program: {@link #execute}/{@link #submit} run the active program of a slot with
 *       parameter data, an {@link LbaGrant}, an optional {@link CallContext} and memory ranges,
 *       and complete with the 64-bit r0 and the return data ({@link CsdResult});</li>
 *   <li>limits per execution ({@link ExecutionLimits}) and accounting per execution
 *       ({@link ExecutionStats}) and in total ({@link #totals()}).</li>
 * </ul>
 * Kernels use the OpenCSD helper ABI ({@link OpenCsdHelpers}) or the older ZCSD numbering
 * ({@link ZcsdLegacyHelpers}); their reads and writes reach the device only inside their grant.
 *
 * <p>Thread-safety: thread-safe. At most {@link CsdConfig#parallelism()} executions run at once,
 * on the device's own workers ({@link #submit}) or on their callers' threads ({@link #execute}),
 * each with its own VM memory (the device holds no
 * mutable state shared between executions other than the pool and the adders of its
 * accounting); a slow kernel occupies one worker only. A {@link Watchdog} completes an execution that
 * passes its wall time with {@link CsdError#WALL_TIME_LIMIT} within a few milliseconds, and the kernel itself stops
 * at its next helper call, read chunk or engine poll (see {@link org.opencsd.ebpf.Interruptible}),
 * so also a kernel that loops without calling helpers. Closing the device does not close the {@link ZonedDevice}.
 */
public final class ComputationalStorageDevice implements AutoCloseable {
    private final ZonedDevice device;
    private final CsdConfig config;
    private final ProgramSlots slots;
    private final DeviceMemory memory;
    private final Accounting accounting = new Accounting();
    private final ThreadPoolExecutor workers;
    private final Watchdog watchdog = new Watchdog();
    private final CompiledKernels compiled = new CompiledKernels();
    /** Execution slots: at most {@link CsdConfig#parallelism()} kernels run at once, on workers or callers. */
    private final Semaphore admission;
    private volatile boolean closed;

    /** A device with {@link CsdConfig#DEFAULTS}. */
    public ComputationalStorageDevice(ZonedDevice device) {
        this(device, CsdConfig.DEFAULTS);
    }

    public ComputationalStorageDevice(ZonedDevice device, CsdConfig config) {
        this.device = Objects.requireNonNull(device, "device");
        this.config = Objects.requireNonNull(config, "config");
        this.slots = new ProgramSlots(config.slots());
        this.memory = new DeviceMemory(config.memoryBytes());
        this.admission = new Semaphore(config.parallelism());
        this.workers = new ThreadPoolExecutor(config.parallelism(), config.parallelism(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueDepth()), daemon("opencsd-csd-worker"));
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** The zoned device kernels read. */
    public ZonedDevice zonedDevice() {
        return device;
    }

    public CsdConfig config() {
        return config;
    }

    /** Number of program slots. */
    public int slotCount() {
        return slots.count();
    }

    /** What slot {@code slot} holds. */
    public SlotInfo slot(int slot) {
        return slots.get(slot);
    }

    /**
     * Load Program from an ELF object (clang {@code -target bpf}) into an empty slot: loads,
     * verifies against the ABI's helpers and builds the engine, or takes the engine built for
     * the same bytes, options and instruction limit before ({@link CompiledKernels}).
     *
     * @throws CsdException INVALID_PROGRAM (with the loader's or verifier's message), SLOT_OCCUPIED, INVALID_SLOT
     */
    public void loadElf(int slot, String name, byte[] elf, ProgramOptions options) {
        checkOpen();
        slots.requireEmpty(slot);
        CompiledKernels.Key key = CompiledKernels.key(elf, options, config.limits().maxInstructions());
        CompiledKernels.Built built = compiled.get(key);
        if (built == null) {
            Program p;
            try {
                p = ElfLoader.load(elf, options.entry(), options.abi().registry());
            } catch (BpfException e) {
                throw new CsdException(CsdError.INVALID_PROGRAM, name + ": " + e.getMessage(), e);
            }
            built = build(name, p, options);
            compiled.put(key, built);
        }
        slots.load(slot, new LoadedProgram(name, built.program(), options, built.engine()));
    }

    /** Load Program of an already decoded program (for example from the assembler). */
    public void load(int slot, String name, Program program, ProgramOptions options) {
        checkOpen();
        slots.requireEmpty(slot); // before the costly verification and compilation
        CompiledKernels.Built built = build(name, program, options);
        slots.load(slot, new LoadedProgram(name, program, options, built.engine()));
    }

    /** Verifies {@code program} against the ABI and builds its engine. */
    private CompiledKernels.Built build(String name, Program program, ProgramOptions options) {
        try {
            Verifier.verify(program, options.abi().registry());
            VmOptions vm = VmOptions.DEFAULTS.withMaxInstructions(config.limits().maxInstructions()).withHeapSize(0);
            return new CompiledKernels.Built(program, options.engine().create(program, options.abi().registry(), vm));
        } catch (BpfException e) {
            throw new CsdException(CsdError.INVALID_PROGRAM, name + ": " + e.getMessage(), e);
        }
    }

    /** Unloads the (inactive) program of {@code slot}. */
    public void unload(int slot) {
        slots.unload(slot);
    }

    /** Makes the loaded program of {@code slot} executable. */
    public void activate(int slot) {
        slots.activate(slot);
    }

    /** Stops new executions of {@code slot}'s program; running ones finish. */
    public void deactivate(int slot) {
        slots.deactivate(slot);
    }

    /** The device memory pool. */
    public DeviceMemory memory() {
        return memory;
    }

    /**
     * Memory Copy (TP4131): copies the LBAs of {@code source}, in order, into {@code target} from
     * byte {@code offset}; returns the bytes copied.
     *
     * @throws CsdException INVALID_REQUEST for LBAs outside the namespace, INVALID_MEMORY_RANGE
     *         when they do not fit in the range
     */
    public long copyToMemory(MemoryRange target, int offset, List<LbaRange> source) {
        checkOpen();
        var g = device.geometry();
        long total = 0;
        for (LbaRange r : source) {
            if (r.end() > g.totalLbas()) throw new CsdException(CsdError.INVALID_REQUEST, "LBAs " + r + " lie outside the namespace (0-"
                    + (g.totalLbas() - 1) + ")");
            total = Math.addExact(total, Math.multiplyExact(r.count(), (long) g.lbaSize()));
        }
        target.check(offset, total);
        byte[] bytes = target.bytes();
        int at = offset;
        for (LbaRange r : source) {
            int n = (int) (r.count() * g.lbaSize());
            device.read(r.first(), ByteBuffer.wrap(bytes, at, n));
            at += n;
        }
        accounting.copied(total);
        return total;
    }

    /**
     * Execute Program on the calling thread, waiting for the completion. The caller's thread
     * counts as one of the device's {@link CsdConfig#parallelism()} execution slots for the
     * time the kernel runs (it waits for a free one up to the wall time); no hand-off to another
     * thread, so the per-execution overhead stays a few microseconds. Past its wall time the
     * kernel is stopped at its next helper call or read chunk (or by its instruction limit), and
     * this method throws {@link CsdError#WALL_TIME_LIMIT}.
     *
     * @throws CsdException for every failure: the slot's state, a limit, a kernel fault
     */
    public CsdResult execute(ExecuteRequest request) {
        long start = System.nanoTime();
        Execution ex = prepare(request, start);
        CompletableFuture<CsdResult> result = new CompletableFuture<>();
        watchdog.watch(new Watchdog.Watched(ex, result, ex.deadline()));
        complete(result, ex);
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CsdException c) throw c;
            throw e;
        }
    }

    /**
     * Execute Program asynchronously on the device's worker pool. Checks of the slot, the grant
     * and the memory limit happen here (thrown at once); what happens while running completes
     * the future exceptionally with a {@link CsdException}. Past its wall time the future
     * completes with {@link CsdError#WALL_TIME_LIMIT} at its deadline (the watchdog's wake-up), while the kernel
     * stops at its next helper call (or by its instruction limit) and gives back its worker.
     *
     * @throws CsdException DEVICE_BUSY when {@link CsdConfig#queueDepth()} executions wait already
     */
    public CompletableFuture<CsdResult> submit(ExecuteRequest request) {
        Execution ex = prepare(request, System.nanoTime());
        CompletableFuture<CsdResult> result = new CompletableFuture<>();
        try {
            workers.execute(() -> complete(result, ex));
        } catch (RejectedExecutionException e) {
            if (closed) throw closedError();
            throw new CsdException(CsdError.DEVICE_BUSY, "the execution queue is full (" + config.queueDepth() + " waiting)");
        }
        watchdog.watch(new Watchdog.Watched(ex, result, ex.deadline()));
        return result;
    }

    private Execution prepare(ExecuteRequest request, long start) {
        checkOpen();
        LoadedProgram p = slots.active(request.slot());
        checkGrant(request.grant());
        return new Execution(device, config.limits(), memory, accounting, p, request, start);
    }

    /** Runs {@code ex} in one of the execution slots and completes {@code result} with its outcome. */
    private void complete(CompletableFuture<CsdResult> result, Execution ex) {
        try {
            if (!admission.tryAcquire(Math.max(0, ex.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                accounting.failed(0, 0);
                throw ex.timeout();
            }
            try {
                result.complete(ex.run());
            } finally {
                admission.release();
            }
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new CsdException(CsdError.DEVICE_CLOSED, "interrupted while waiting for an execution slot"));
        }
    }

    private void checkGrant(LbaGrant grant) {
        long n = device.geometry().totalLbas();
        for (LbaRange r : grant.ranges()) {
            if (r.end() > n) throw new CsdException(CsdError.INVALID_REQUEST, "granted LBAs " + r + " lie outside the namespace (0-" + (n - 1) + ")");
        }
    }

    /** The accounting of all executions so far. */
    public DeviceTotals totals() {
        return accounting.snapshot();
    }

    /**
     * Stops accepting commands and lets the workers finish what they run; does not close the
     * zoned device. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        watchdog.close();
    }

    private void checkOpen() {
        if (closed) throw closedError();
    }

    private static CsdException closedError() {
        return new CsdException(CsdError.DEVICE_CLOSED, "the computational storage device is closed");
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
