package org.opencsd.ebpf;

/**
 * Implemented by the host attachment of an execution (the {@code attachment} argument of
 * {@link ExecutionEngine#execute}) that may need to stop it from another thread, e.g. when a
 * wall-clock limit passes while the program loops without calling any helper.
 *
 * <p>Both engines poll {@link #interruptRequested()} at least once every
 * {@link Fuel#CHECK_INTERVAL} instructions and then stop the program with a
 * {@link FaultKind#INTERRUPTED} fault at the pc it had reached. Executions whose attachment does
 * not implement this interface are never polled and pay nothing for it.
 *
 * <p>Implementations must be thread-safe: the method is called on the executing thread while
 * another thread requests the interrupt (a {@code volatile} flag is enough).
 */
public interface Interruptible {
    /** Whether the execution should stop now. */
    boolean interruptRequested();
}
