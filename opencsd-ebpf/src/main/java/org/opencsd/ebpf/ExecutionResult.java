package org.opencsd.ebpf;

/**
 * The outcome of a completed execution.
 *
 * @param r0 the value of r0 at the final {@code exit}
 * @param instructions number of instructions executed ({@code lddw} counts once)
 */
public record ExecutionResult(long r0, long instructions) {}
