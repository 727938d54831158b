package org.opencsd.ebpf.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Emits the methods that tie segments together: a function method
 * {@code void f(JitState st)} (a direct call of its only segment, or a loop dispatching on the pc
 * its segments return, through router methods that binary-search the segments' pc ranges, so
 * that no method grows with the number of segments beyond {@link #ROUTER_SEGMENTS}) and the program's {@code callx} dispatcher
 * {@code void callx(JitState st, int pc)} (a switch over function starts; any other code address
 * is run by the interpreter in the frame already entered). Stateless.
 */
final class FunctionEmitter {
    private FunctionEmitter() {}

    /** Most segments one router method dispatches to. */
    static final int ROUTER_SEGMENTS = 128;

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
        Label check = cob.newLabel();
        List<List<Segment>> routers = routers(f);
        cob.loadConstant(f.entry()).istore(1);
        cob.labelBinding(loop);
        for (int k = 0; k < routers.size(); k++) {
            Label next = cob.newLabel();
            if (k + 1 < routers.size()) {
                cob.iload(1).loadConstant(firstPc(routers.get(k + 1).getFirst())).if_icmpge(next);
            }
            cob.aload(0).iload(1).invokestatic(linker.self(), routerName(f, k), Descs.SEGMENT).istore(1).goto_(check);
            cob.labelBinding(next);
        }
        cob.labelBinding(check).iload(1).ifge(loop).return_();
    }

    /** The segments of {@code f} in groups of at most {@link #ROUTER_SEGMENTS}, in pc order. */
    static List<List<Segment>> routers(FunctionPlan f) {
        List<List<Segment>> groups = new ArrayList<>();
        for (int i = 0; i < f.segments().size(); i += ROUTER_SEGMENTS) {
            groups.add(f.segments().subList(i, Math.min(f.segments().size(), i + ROUTER_SEGMENTS)));
        }
        return groups;
    }

    /** Name of router {@code k} of {@code f}. */
    static String routerName(FunctionPlan f, int k) {
        return f.name() + "_r" + k;
    }

    /**
     * Emits router method {@code int r(JitState st, int pc)}: a binary search over the first pcs
     * of {@code segments} (which cover consecutive pc ranges) that runs the segment holding
     * {@code pc} and returns the pc it continues at.
     */
    static void router(CodeBuilder cob, List<Segment> segments, JitLinker linker) {
        search(cob, segments, 0, segments.size(), linker);
    }

    private static void search(CodeBuilder cob, List<Segment> segments, int lo, int hi, JitLinker linker) {
        if (hi - lo == 1) {
            Segment s = segments.get(lo);
            cob.aload(0).iload(1);
            linker.invoke(cob, s.unit(), s.name(), Descs.SEGMENT);
            cob.ireturn();
            return;
        }
        int mid = (lo + hi) >>> 1;
        Label right = cob.newLabel();
        cob.iload(1).loadConstant(firstPc(segments.get(mid))).if_icmpge(right);
        search(cob, segments, lo, mid, linker);
        cob.labelBinding(right);
        search(cob, segments, mid, hi, linker);
    }

    private static int firstPc(Segment s) {
        return s.blocks().getFirst().start();
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
