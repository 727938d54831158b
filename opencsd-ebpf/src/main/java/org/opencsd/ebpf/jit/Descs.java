package org.opencsd.ebpf.jit;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

import org.opencsd.ebpf.Alu;
import org.opencsd.ebpf.Helper;
import org.opencsd.ebpf.VmFault;

/** Symbolic references used by generated code. Stateless. */
final class Descs {
    private Descs() {}

    static final ClassDesc STATE = desc(JitState.class);
    static final ClassDesc RUNTIME = desc(JitRuntime.class);
    static final ClassDesc MEMORY = desc(JitMemory.class);
    static final ClassDesc FAST = desc(FastPaths.class);
    static final ClassDesc ALU = desc(Alu.class);
    static final ClassDesc HELPER = desc(Helper.class);
    static final ClassDesc FAULT = desc(VmFault.class);
    static final ClassDesc LINKER = desc(JitLinker.class);
    static final ClassDesc LONGS = ClassDesc.of("java.lang.Long");
    static final ClassDesc INTS = ClassDesc.of("java.lang.Integer");
    static final ClassDesc SHORTS = ClassDesc.of("java.lang.Short");
    static final ClassDesc LONG_ARRAY = CD_long.arrayType();
    static final ClassDesc BYTES = ClassDesc.ofDescriptor("[B");
    static final ClassDesc TABLE = ClassDesc.ofDescriptor("[[B");

    /** {@code int seg(JitState, int entryPc)}: runs a segment, returns the next pc or -1. */
    static final MethodTypeDesc SEGMENT = MethodTypeDesc.of(CD_int, STATE, CD_int);
    /** {@code void fn(JitState)}: runs a function with registers in {@code st.regs}. */
    static final MethodTypeDesc FUNCTION = MethodTypeDesc.of(CD_void, STATE);
    /** {@code void callx(JitState, int pc)}: dispatches a {@code callx} to a function start. */
    static final MethodTypeDesc DISPATCH = MethodTypeDesc.of(CD_void, STATE, CD_int);

    static final MethodTypeDesc PREDICTED_LOAD = MethodTypeDesc.of(CD_long, BYTES, CD_long, CD_long, TABLE, CD_int);
    static final MethodTypeDesc FRAME_LOAD = MethodTypeDesc.of(CD_long, BYTES, CD_long, CD_int, TABLE, CD_int);
    static final MethodTypeDesc PREDICTED_STORE =
            MethodTypeDesc.of(CD_void, BYTES, CD_long, CD_long, CD_long, TABLE, TABLE, CD_int);
    static final MethodTypeDesc FRAME_STORE =
            MethodTypeDesc.of(CD_void, BYTES, CD_long, CD_int, CD_long, TABLE, TABLE, CD_int);
    static final MethodTypeDesc LL_L = MethodTypeDesc.of(CD_long, CD_long, CD_long);
    static final MethodTypeDesc LL_I = MethodTypeDesc.of(CD_int, CD_long, CD_long);
    static final MethodTypeDesc II_I = MethodTypeDesc.of(CD_int, CD_int, CD_int);
    static final MethodTypeDesc I_I = MethodTypeDesc.of(CD_int, CD_int);
    static final MethodTypeDesc L_L = MethodTypeDesc.of(CD_long, CD_long);
    static final MethodTypeDesc S_S = MethodTypeDesc.of(ClassDesc.ofDescriptor("S"), ClassDesc.ofDescriptor("S"));
    static final MethodTypeDesc DIV32 = MethodTypeDesc.of(CD_long, CD_int, CD_int, CD_int);
    static final MethodTypeDesc HELPER_CALL = MethodTypeDesc.of(CD_long, STATE, HELPER, CD_int);
    static final MethodTypeDesc ATOMIC = MethodTypeDesc.of(CD_void, STATE, CD_int, CD_int, CD_int, CD_int, CD_int, CD_int);
    static final MethodTypeDesc STATE_PC = MethodTypeDesc.of(CD_void, STATE, CD_int);
    static final MethodTypeDesc STATE_ONLY = MethodTypeDesc.of(CD_void, STATE);
    static final MethodTypeDesc CALLX = MethodTypeDesc.of(CD_int, STATE, CD_long, CD_int);
    static final MethodTypeDesc FAULT_AT = MethodTypeDesc.of(FAULT, STATE, CD_int);
    static final MethodTypeDesc REFUEL = MethodTypeDesc.of(CD_long, STATE, CD_long, CD_long, CD_int);

    private static ClassDesc desc(Class<?> c) {
        return ClassDesc.of(c.getName());
    }
}
