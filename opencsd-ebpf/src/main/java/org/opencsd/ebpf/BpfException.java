package org.opencsd.ebpf;

/**
 * The engine's own error types: every failure of loading, verifying, assembling or running a
 * program surfaces as one of these, with a one-line message naming what went wrong and where.
 * Instances are immutable once thrown.
 */
public abstract sealed class BpfException extends RuntimeException
        permits VmFault, BpfLoadException, VerifierException, AssemblerException {
    protected BpfException(String message) {
        super(message);
    }

    protected BpfException(String message, Throwable cause) {
        super(message, cause);
    }
}
