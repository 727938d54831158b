package org.opencsd.ebpf;

/**
 * The body of a helper: receives r1-r5 and returns the new r0. It may only touch VM memory
 * through {@code ctx} (which checks every access) and may throw {@link VmFault} (use
 * {@link HelperContext#fail(String)}); any other exception is turned into a
 * {@link FaultKind#HELPER_ERROR} fault by the engine. Implementations must be thread-safe if the
 * registry is shared by concurrent executions.
 */
@FunctionalInterface
public interface HelperFunction {
    long call(HelperContext ctx, long r1, long r2, long r3, long r4, long r5);
}
