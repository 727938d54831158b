package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;

/**
 * Bytecode moving registers between the JVM locals of a compiled method and the register file
 * {@code st.regs} (cached in local {@link Frame#REGS}), at method entry and exit and around
 * calls into shared runtime code. Stateless.
 */
final class RegisterFile {
    private RegisterFile() {}

    /** Stores the locals of registers {@code first..last} into the register file. */
    static void spill(CodeBuilder cob, int first, int last) {
        for (int r = first; r <= last; r++) spill(cob, r);
    }

    /** Stores the local of register {@code r} into the register file. */
    static void spill(CodeBuilder cob, int r) {
        cob.aload(Frame.REGS).loadConstant(r).lload(reg(r)).lastore();
    }

    /** Loads registers {@code first..last} from the register file into their locals. */
    static void reload(CodeBuilder cob, int first, int last) {
        for (int r = first; r <= last; r++) reload(cob, r);
    }

    /** Loads register {@code r} from the register file into its local. */
    static void reload(CodeBuilder cob, int r) {
        cob.aload(Frame.REGS).loadConstant(r).laload().lstore(reg(r));
    }

    /** Writes the budget local back to {@code st.budget}. */
    static void saveBudget(CodeBuilder cob) {
        cob.aload(Frame.STATE).lload(Frame.BUDGET).putfield(Descs.STATE, "budget", java.lang.constant.ConstantDescs.CD_long);
    }

    /** Reads {@code st.budget} into the budget local. */
    static void loadBudget(CodeBuilder cob) {
        cob.aload(Frame.STATE).getfield(Descs.STATE, "budget", java.lang.constant.ConstantDescs.CD_long).lstore(Frame.BUDGET);
    }
}
