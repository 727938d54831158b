package org.opencsd.ebpf.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Emits the methods that tie segments together: a function method
 * {@code void f(JitState st)} (a direct call of its only segment, or a loop dispatching on the pc
 * its segments return) and the program's {@code callx} dispatcher
 * {@code void callx(JitState st, int pc)} (a switch over function starts; any other code address
 * is run by the interpreter in the frame already entered). Stateless.
 */
final class FunctionEmitter {
    private FunctionEmitter() {}

    /** Emits the body of {@code f}'s function method. */
    static void function(CodeBuilder cob, FunctionPlan f, JitLinker linker) {
        if (f.segments().size() == 1) {
            Segment s = f.segments().getFirst();
            cob.aload(0).loadConstant(f.entry());
            linker.invoke(cob, s.unit(), s.name(), Descs.SEGMENT);
            cob.pop().return_();
            return;
        }
        Label loop = cob.newLabel();
        Label bad = cob.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (Segment s : f.segments()) {
            Label l = cob.newLabel();
            labels.add(l);
            for (int pc : s.entries()) cases.add(SwitchCase.of(pc, l));
        }
        cases.sort((a, b) -> Integer.compare(a.caseValue(), b.caseValue()));
        cob.loadConstant(f.entry()).istore(1);
        cob.labelBinding(loop).iload(1).lookupswitch(bad, cases);
        for (int i = 0; i < labels.size(); i++) {
            Segment s = f.segments().get(i);
            cob.labelBinding(labels.get(i)).aload(0).iload(1);
            linker.invoke(cob, s.unit(), s.name(), Descs.SEGMENT);
            cob.dup().istore(1).ifge(loop).return_();
        }
        cob.labelBinding(bad);
        ClassDesc ise = ClassDesc.of("java.lang.IllegalStateException");
        cob.new_(ise).dup().ldc("no segment of function " + f.entry() + " enters here")
                .invokespecial(ise, ConstantDescs.INIT_NAME,
                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String))
                .athrow();
    }

    /** Emits the body of the {@code callx} dispatcher over {@code functions}. */
    static void dispatch(CodeBuilder cob, Collection<FunctionPlan> functions, JitLinker linker,
                         Map<Integer, SegmentEmitter.Unit> units) {
        Label other = cob.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (FunctionPlan f : functions) {
            Label l = cob.newLabel();
            labels.add(l);
            cases.add(SwitchCase.of(f.entry(), l));
        }
        cob.iload(1).lookupswitch(other, cases);
        int i = 0;
        for (FunctionPlan f : functions) {
            cob.labelBinding(labels.get(i++)).aload(0);
            linker.invoke(cob, units.get(f.entry()).unit(), f.name(), Descs.FUNCTION);
            cob.return_();
        }
        cob.labelBinding(other).aload(0).iload(1).invokestatic(Descs.RUNTIME, "interpretCall", Descs.STATE_PC)
                .return_();
    }
}
