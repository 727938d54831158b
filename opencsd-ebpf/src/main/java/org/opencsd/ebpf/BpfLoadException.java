package org.opencsd.ebpf;

/** A program that cannot be loaded: corrupt or unsupported ELF, bad bytecode, unknown entry or helper. */
public final class BpfLoadException extends BpfException {
    public BpfLoadException(String message) {
        super(message);
    }

    public BpfLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
