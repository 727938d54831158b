package org.opencsd.ebpf.jit;

import static java.lang.constant.ConstantDescs.CD_CallSite;
import static java.lang.constant.ConstantDescs.CD_MethodHandles_Lookup;
import static java.lang.constant.ConstantDescs.CD_MethodType;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls between the hidden classes ("units") of one compiled program. A hidden class cannot be
 * named by another class, so a call into another unit is an {@code invokedynamic} whose bootstrap
 * ({@link #link}) finds the target through the program's {@link Linkage} (class data index 0)
 * and returns a constant call site: after linking, the call is as direct as {@code invokestatic}.
 * Calls within a unit are plain {@code invokestatic}. Instances are immutable; thread-safe.
 */
final class JitLinker {
    private static final DirectMethodHandleDesc BOOTSTRAP = MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC, Descs.LINKER, "link",
            MethodTypeDesc.of(CD_CallSite, CD_MethodHandles_Lookup, CD_String, CD_MethodType, CD_int));

    private final ClassDesc self;
    private final int unit;

    /** A linker for code in unit {@code unit}, whose class is {@code self}. */
    JitLinker(ClassDesc self, int unit) {
        this.self = self;
        this.unit = unit;
    }

    /** The class of the unit this linker emits code for. */
    ClassDesc self() {
        return self;
    }

    /** Emits a call of static method {@code name} of unit {@code target}. */
    void invoke(CodeBuilder cob, int target, String name, MethodTypeDesc type) {
        if (target == unit) cob.invokestatic(self, name, type);
        else cob.invokedynamic(DynamicCallSiteDesc.of(BOOTSTRAP, name, type, target));
    }

    /**
     * Bootstrap of cross-unit calls: the static method {@code name} of type {@code type} in unit
     * {@code unit} of the caller's program.
     */
    static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, int unit)
            throws ReflectiveOperationException {
        Linkage linkage = MethodHandles.classDataAt(caller, ConstantDescs.DEFAULT_NAME, Linkage.class, 0);
        MethodHandles.Lookup target = linkage.unit(unit);
        return new ConstantCallSite(target.findStatic(target.lookupClass(), name, type));
    }

    /**
     * The units of one program, filled in once all its hidden classes are defined (before any
     * of its code runs). Safe publication through a volatile field; thread-safe.
     */
    static final class Linkage {
        private volatile MethodHandles.Lookup[] units;

        /** Records the lookups of the defined units, in unit order. */
        void bind(MethodHandles.Lookup[] defined) {
            units = defined.clone();
        }

        MethodHandles.Lookup unit(int index) {
            MethodHandles.Lookup[] u = units;
            if (u == null) throw new IllegalStateException("program units are not linked yet");
            return u[index];
        }
    }
}
