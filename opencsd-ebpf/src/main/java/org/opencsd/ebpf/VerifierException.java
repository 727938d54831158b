package org.opencsd.ebpf;

/**
 * A program rejected by the {@link Verifier}: names the rule, the instruction's pc and its
 * disassembly. Immutable.
 */
public final class VerifierException extends BpfException {
    private final VerifierRule rule;
    private final int pc;

    public VerifierException(VerifierRule rule, int pc, String instruction, String detail) {
        super(pc < 0 ? "verifier: " + detail + " [" + rule.title() + "]"
                : "verifier: pc " + pc + " (" + instruction + "): " + detail + " [" + rule.title() + "]");
        this.rule = rule;
        this.pc = pc;
    }

    /** The rule the program breaks. */
    public VerifierRule rule() {
        return rule;
    }

    /** The pc of the offending instruction, or -1 for whole-program rules. */
    public int pc() {
        return pc;
    }
}
