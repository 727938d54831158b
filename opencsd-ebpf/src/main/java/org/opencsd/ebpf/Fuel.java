package org.opencsd.ebpf;

/**
 * The instruction budget of one execution, handed to an engine in chunks so that it can be
 * interrupted. Engines count a local budget down and call {@link #refill} when it cannot pay for
 * the next instruction (interpreter) or basic block (compiled code); the refill moves up to
 * {@link #CHECK_INTERVAL} instructions from the reserve to the local budget after polling the
 * execution's {@link Interruptible}, if any. Without one the whole budget is handed out at
 * {@link #start} and {@link #refill} is never asked for more, so nothing changes: the budget
 * faults at exactly the same instruction either way.
 *
 * <p>Not thread-safe: one instance per execution, used by its executing thread only.
 */
public final class Fuel {
    /** Instructions between two polls of an {@link Interruptible}. */
    public static final long CHECK_INTERVAL = 1L << 20;

    private final Interruptible interrupt;
    private long reserve;

    /** Fuel for an execution whose host attachment is {@code attachment} (may be null). */
    Fuel(Object attachment) {
        this.interrupt = attachment instanceof Interruptible i ? i : null;
    }

    /**
     * Starts the execution with {@code total} instructions (an effective budget, see
     * {@link VmOptions#effectiveBudget()}); returns the engine's first local budget.
     */
    public long start(long total) {
        if (interrupt == null) {
            reserve = 0;
            return total;
        }
        long first = Math.min(total, CHECK_INTERVAL);
        reserve = total - first;
        return first;
    }

    /** Instructions not yet handed to the engine; the executed count is total - local - this. */
    public long reserve() {
        return reserve;
    }

    /**
     * Tops up {@code local} (the engine's remaining local budget, possibly negative by the
     * instruction being paid for) until it reaches {@code needed} or the reserve is empty, and
     * returns it. Polls the interrupt first.
     *
     * @throws VmFault {@link FaultKind#INTERRUPTED} at {@code pc} when the host asked to stop
     */
    public long refill(long local, long needed, int pc) {
        if (interrupt != null && interrupt.interruptRequested()) {
            throw VmFault.at(FaultKind.INTERRUPTED, pc, "execution interrupted by the host");
        }
        while (local < needed && reserve > 0) {
            long take = Math.min(reserve, CHECK_INTERVAL);
            reserve -= take;
            local += take;
        }
        return local;
    }
}
