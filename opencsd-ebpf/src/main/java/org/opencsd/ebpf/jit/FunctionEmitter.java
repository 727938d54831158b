package org.opencsd.ebpf.jit;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.SwitchCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Emits the methods that tie segments together: a function method
 * {@code void f(JitState st)} (a direct call of its only segment, or a loop dispatching on the pc
 * its segments return, through router methods that binary-search the segments' pc ranges) and
 * the program's {@code callx} dispatcher {@code void callx(JitState st, int pc)} (a binary
 * search over groups of function starts, each group a switch; any other code address is run by
 * the interpreter in the frame already entered). Groups bound every method's size whatever the
 * number of segments or functions. Stateless.
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
        int[] firsts = segments.stream().mapToInt(FunctionEmitter::firstPc).toArray();
        search(cob, firsts, 0, firsts.length, k -> {
            Segment s = segments.get(k);
            cob.aload(0).iload(1);
            linker.invoke(cob, s.unit(), s.name(), Descs.SEGMENT);
            cob.ireturn();
        });
    }

    /**
     * Emits a binary search of the int in local 1 over the ascending range starts
     * {@code firsts[lo..hi)}: {@code leaf} emits the code for range {@code k}, which must not
     * fall through. Values below {@code firsts[lo]} go to range {@code lo}.
     */
    private static void search(CodeBuilder cob, int[] firsts, int lo, int hi, IntConsumer leaf) {
        if (hi - lo == 1) {
            leaf.accept(lo);
            return;
        }
        int mid = (lo + hi) >>> 1;
        Label right = cob.newLabel();
        cob.iload(1).loadConstant(firsts[mid]).if_icmpge(right);
        search(cob, firsts, lo, mid, leaf);
        cob.labelBinding(right);
        search(cob, firsts, mid, hi, leaf);
    }

    private static int firstPc(Segment s) {
        return s.blocks().getFirst().start();
    }

    /** Most functions one {@code callx} dispatch group switches over. */
    static final int DISPATCH_FUNCTIONS = 256;

    /** The functions in dispatch groups of at most {@link #DISPATCH_FUNCTIONS}, in pc order. */
    static List<List<FunctionPlan>> dispatchGroups(List<FunctionPlan> functions) {
        List<List<FunctionPlan>> groups = new ArrayList<>();
        for (int i = 0; i < functions.size(); i += DISPATCH_FUNCTIONS) {
            groups.add(functions.subList(i, Math.min(functions.size(), i + DISPATCH_FUNCTIONS)));
        }
        return groups;
    }

    /** Name of dispatch group {@code k}. */
    static String dispatchName(int k) {
        return JitCompiler.DISPATCH + "_g" + k;
    }

    /**
     * Emits the body of the {@code callx} dispatcher {@code void callx(JitState st, int pc)}: a
     * binary search over the groups' first function starts, calling the group's method.
     */
    static void dispatch(CodeBuilder cob, List<List<FunctionPlan>> groups, JitLinker linker) {
        int[] firsts = groups.stream().mapToInt(g -> g.getFirst().entry()).toArray();
        search(cob, firsts, 0, firsts.length, k -> cob.aload(0).iload(1)
                .invokestatic(linker.self(), dispatchName(k), Descs.DISPATCH).return_());
    }

    /**
     * Emits the body of dispatch group {@code void callx_gK(JitState st, int pc)}: a switch over
     * the group's function starts; any other pc is a code address inside a function, run by the
     * interpreter.
     */
    static void dispatchGroup(CodeBuilder cob, List<FunctionPlan> functions, JitLinker linker,
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
