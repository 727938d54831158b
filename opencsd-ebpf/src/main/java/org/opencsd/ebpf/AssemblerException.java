package org.opencsd.ebpf;

/** Assembler text that cannot be assembled; the message names the line. */
public final class AssemblerException extends BpfException {
    private final int line;

    public AssemblerException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based source line of the error. */
    public int line() {
        return line;
    }
}
