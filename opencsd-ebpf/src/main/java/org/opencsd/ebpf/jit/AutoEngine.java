package org.opencsd.ebpf.jit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;

/**
 * The {@code auto} engine: executions start in the {@link Interpreter}; once the program is hot
 * (after {@link #HOT_EXECUTIONS} executions or {@link #HOT_INSTRUCTIONS} interpreted
 * instructions, whichever comes first) it is compiled by {@link JitCompiler} on a background
 * daemon thread, and executions that start after compilation finished run the compiled code.
 * A caller never waits for the compiler: it only hands it the job. An execution already running
 * in the interpreter finishes there. If compilation fails, the program stays interpreted and the
 * failure is logged once. Both engines give identical results, so the switch is invisible except
 * in speed.
 *
 * <p>Thread-safe: executions may run concurrently, each with its own {@link VmMemory}.
 */
public final class AutoEngine implements ExecutionEngine {
    /** Executions after which a program is compiled. */
    public static final long HOT_EXECUTIONS = 16;
    /** Interpreted instructions after which a program is compiled. */
    public static final long HOT_INSTRUCTIONS = 1_000_000;

    private static final System.Logger LOG = System.getLogger(AutoEngine.class.getName());

    private final Interpreter interpreter;
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong instructions = new AtomicLong();
    private final AtomicBoolean submitted = new AtomicBoolean();
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile ExecutionEngine compiled;

    public AutoEngine(Program program, HelperRegistry helpers, VmOptions options) {
        this.interpreter = new Interpreter(program, helpers, options);
    }

    @Override
    public Program program() {
        return interpreter.program();
    }

    @Override
    public HelperRegistry helpers() {
        return interpreter.helpers();
    }

    @Override
    public VmOptions options() {
        return interpreter.options();
    }

    @Override
    public ExecutionResult execute(VmMemory memory, long r1, long r2, Object attachment) {
        ExecutionEngine c = compiled;
        if (c != null) return c.execute(memory, r1, r2, attachment);
        long before = instructions.get();
        try {
            ExecutionResult r = interpreter.execute(memory, r1, r2, attachment);
            instructions.addAndGet(r.instructions());
            return r;
        } finally {
            if (executions.incrementAndGet() >= HOT_EXECUTIONS || before >= HOT_INSTRUCTIONS) compileInBackground();
        }
    }

    /** Whether executions now run compiled code. */
    public boolean isCompiled() {
        return compiled != null;
    }

    /**
     * Waits up to {@code timeout} for the background compilation to finish (successfully or
     * not); returns whether executions now run compiled code. For tests and benchmarks.
     */
    public boolean awaitCompiled(Duration timeout) throws InterruptedException {
        settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return isCompiled();
    }

    private void compileInBackground() {
        if (!submitted.compareAndSet(false, true)) return;
        Compiler.EXECUTOR.execute(() -> {
            try {
                compiled = JitCompiler.compile(interpreter.program(), interpreter.helpers(), interpreter.options());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "JIT compilation failed; the program stays interpreted", e);
            } finally {
                settled.countDown();
            }
        });
    }

    /** The background compiler thread, started on first use. */
    private static final class Compiler {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "opencsd-jit");
            t.setDaemon(true);
            return t;
        });
    }
}
