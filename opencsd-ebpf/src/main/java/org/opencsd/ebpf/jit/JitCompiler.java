package org.opencsd.ebpf.jit;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.Decoder;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmOptions;

/**
 * Compiles a verified eBPF program to JVM bytecode with {@code java.lang.classfile} and defines it
 * as hidden classes, which the JVM unloads once the {@link CompiledProgram} is unreachable.
 *
 * <p>Each eBPF function becomes a function method; its basic blocks are packed into segment
 * methods of at most {@value #SEGMENT_BYTES} estimated bytes (HotSpot does not compile methods
 * over 8000 bytes); if a real method ends up over {@value #HUGE_METHOD} bytes, the program is
 * re-planned with half the limit. Segments are grouped into hidden classes of at most
 * {@value Partitioner#UNIT_INSTRUCTIONS} instructions, linked by {@code invokedynamic}, so even
 * the largest program (65,536 slots) compiles. Stateless; thread-safe.
 */
public final class JitCompiler {
    /** Name of the {@code callx} dispatcher method (unit 0). */
    static final String DISPATCH = "callx";
    /** Estimated bytecode budget of one segment method. */
    static final int SEGMENT_BYTES = 6000;
    /** HotSpot's limit: methods with more bytecode than this are never JIT-compiled. */
    static final int HUGE_METHOD = 8000;
    private static final ClassDesc UNIT_CLASS = ClassDesc.of(JitCompiler.class.getPackageName() + ".BpfCode");

    private JitCompiler() {}

    /**
     * Compiles {@code program} (verified) for {@code helpers} and {@code options}.
     *
     * @throws IllegalStateException if the program cannot be compiled (a bug: every program the
     *     decoder accepts is compilable)
     */
    public static CompiledProgram compile(Program program, HelperRegistry helpers, VmOptions options) {
        DecodedProgram dp = Decoder.decode(program, helpers);
        SortedSet<Integer> starts = program.functionStarts();
        ControlFlow cf = ControlFlow.analyze(dp, starts);
        try {
            for (int limit = SEGMENT_BYTES; ; limit /= 2) {
                List<FunctionPlan> plans = Partitioner.plan(dp, cf, starts, limit);
                List<byte[]> classes = emit(dp, plans);
                ClassDump.write(classes);
                int largest = largestMethod(classes);
                if (largest <= HUGE_METHOD || limit < 500) {
                    return define(program, helpers, options, dp, plans, classes, largest);
                }
            }
        } catch (IllegalArgumentException | LinkageError e) {
            throw new IllegalStateException("cannot compile program: " + e.getMessage(), e);
        }
    }

    static List<byte[]> emit(DecodedProgram dp, List<FunctionPlan> plans) {
        Map<Integer, SegmentEmitter.Unit> units = new HashMap<>();
        int unitCount = 1;
        for (FunctionPlan f : plans) {
            units.put(f.entry(), new SegmentEmitter.Unit(f.unit(), f.name()));
            for (Segment s : f.segments()) unitCount = Math.max(unitCount, s.unit() + 1);
        }
        List<byte[]> classes = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) classes.add(emitUnit(dp, plans, units, u));
        return classes;
    }

    private static byte[] emitUnit(DecodedProgram dp, List<FunctionPlan> plans, Map<Integer, SegmentEmitter.Unit> units,
                                   int unit) {
        JitLinker linker = new JitLinker(UNIT_CLASS, unit);
        return ClassFile.of().build(UNIT_CLASS, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            for (FunctionPlan f : plans) {
                if (f.unit() == unit) {
                    cb.withMethodBody(f.name(), Descs.FUNCTION, ClassFile.ACC_STATIC,
                            cob -> FunctionEmitter.function(cob, f, linker));
                    List<List<Segment>> routers = f.segments().size() > 1 ? FunctionEmitter.routers(f) : List.of();
                    for (int k = 0; k < routers.size(); k++) {
                        List<Segment> group = routers.get(k);
                        cb.withMethodBody(FunctionEmitter.routerName(f, k), Descs.SEGMENT, ClassFile.ACC_STATIC,
                                cob -> FunctionEmitter.router(cob, group, linker));
                    }
                }
                for (Segment s : f.segments()) {
                    if (s.unit() != unit) continue;
                    SegmentEmitter emitter = new SegmentEmitter(dp, s, linker, units);
                    cb.withMethodBody(s.name(), Descs.SEGMENT, ClassFile.ACC_STATIC, emitter::emit);
                    for (LoopMethod m : emitter.loopMethods()) {
                        cb.withMethodBody(m.name(), m.type(), ClassFile.ACC_STATIC, m.code()::accept);
                    }
                }
            }
            if (unit == 0) {
                List<List<FunctionPlan>> groups = FunctionEmitter.dispatchGroups(plans);
                cb.withMethodBody(DISPATCH, Descs.DISPATCH, ClassFile.ACC_STATIC,
                        cob -> FunctionEmitter.dispatch(cob, groups, linker));
                for (int k = 0; k < groups.size(); k++) {
                    List<FunctionPlan> group = groups.get(k);
                    cb.withMethodBody(FunctionEmitter.dispatchName(k), Descs.DISPATCH, ClassFile.ACC_STATIC,
                            cob -> FunctionEmitter.dispatchGroup(cob, group, linker, units));
                }
            }
        });
    }

    /** The number of loop methods ({@link LoopMethod}) in {@code classes}. */
    static int loopMethods(List<byte[]> classes) {
        int n = 0;
        for (byte[] bytes : classes) {
            for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
                if (m.methodName().stringValue().contains(LoopMethod.MARK)) n++;
            }
        }
        return n;
    }

    /** Largest bytecode size of any method in {@code classes}. */
    static int largestMethod(List<byte[]> classes) {
        int max = 0;
        for (byte[] bytes : classes) {
            ClassModel cm = ClassFile.of().parse(bytes);
            for (MethodModel m : cm.methods()) {
                var code = m.findAttribute(java.lang.classfile.Attributes.code());
                if (code.isPresent()) max = Math.max(max, code.get().codeLength());
            }
        }
        return max;
    }

    private static CompiledProgram define(Program program, HelperRegistry helpers, VmOptions options,
                                          DecodedProgram dp, List<FunctionPlan> plans, List<byte[]> classes,
                                          int largest) {
        JitLinker.Linkage linkage = new JitLinker.Linkage();
        List<Object> data = new ArrayList<>();
        data.add(linkage);
        data.addAll(List.of(dp.helpers()));
        List<Object> classData = List.copyOf(data);
        MethodHandles.Lookup[] lookups = new MethodHandles.Lookup[classes.size()];
        try {
            for (int u = 0; u < classes.size(); u++) {
                lookups[u] = MethodHandles.lookup().defineHiddenClassWithClassData(classes.get(u), classData, true);
            }
            linkage.bind(lookups);
            int entryUnit = plans.stream().filter(f -> f.entry() == program.entry()).findFirst().orElseThrow().unit();
            MethodHandles.Lookup l = lookups[entryUnit];
            MethodHandle entry = l.findStatic(l.lookupClass(), "f" + program.entry(),
                    MethodType.methodType(void.class, JitState.class));
            int bytes = classes.stream().mapToInt(b -> b.length).sum();
            List<Class<?>> units = new ArrayList<>();
            for (MethodHandles.Lookup u : lookups) units.add(u.lookupClass());
            return new CompiledProgram(program, helpers, options, dp, entry,
                    new CompiledProgram.Stats(classes.size(), bytes, largest, LoopAnalysis.count(dp, plans),
                            loopMethods(classes)), units);
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("cannot define compiled program", e);
        }
    }
}
