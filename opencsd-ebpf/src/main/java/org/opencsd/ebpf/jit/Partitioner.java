package org.opencsd.ebpf.jit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.opencsd.ebpf.DecodedProgram;

/**
 * Cuts a program into JVM methods and hidden classes. Each function becomes a function method
 * plus one or more segments: consecutive blocks (in pc order) are packed into a segment while
 * its estimated bytecode stays within the limit, so every method stays below HotSpot's
 * 8000-byte compilation threshold and far below the 64 KiB method limit. Segments and functions
 * are then packed into units (hidden classes) of bounded instruction count, which bounds the
 * constant pool of each class. Stateless.
 */
final class Partitioner {
    /** Most instructions compiled into one hidden class. */
    static final int UNIT_INSTRUCTIONS = 4096;

    private Partitioner() {}

    /**
     * Plans the functions starting at {@code starts}, with at most {@code segmentBytes} of
     * estimated bytecode per segment.
     */
    static List<FunctionPlan> plan(DecodedProgram dp, ControlFlow cf, Collection<Integer> starts, int segmentBytes) {
        List<FunctionPlan> plans = new ArrayList<>();
        int[] unit = {0, 0};
        for (int entry : starts) {
            plans.add(planFunction(dp, cf, entry, segmentBytes, unit));
        }
        return plans;
    }

    private static FunctionPlan planFunction(DecodedProgram dp, ControlFlow cf, int entry, int limit, int[] unit) {
        List<Block> blocks = cf.function(entry);
        List<List<Block>> groups = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        int bytes = SizeModel.SEGMENT_OVERHEAD;
        for (Block b : blocks) {
            int size = SizeModel.block(dp, b) + SizeModel.PER_EDGE * 2;
            if (!current.isEmpty() && bytes + size > limit) {
                groups.add(current);
                units.add(place(unit, cost(current)));
                current = new ArrayList<>();
                bytes = SizeModel.SEGMENT_OVERHEAD;
            }
            current.add(b);
            bytes += size;
        }
        groups.add(current);
        units.add(place(unit, cost(current)));
        return build(cf, entry, groups, units);
    }

    /** Assigns a unit to a segment of {@code cost} instructions; {@code unit} = {current, used}. */
    private static int place(int[] unit, int cost) {
        if (unit[1] > 0 && unit[1] + cost > UNIT_INSTRUCTIONS) {
            unit[0]++;
            unit[1] = 0;
        }
        unit[1] += cost;
        return unit[0];
    }

    private static int cost(List<Block> blocks) {
        int c = 0;
        for (Block b : blocks) c += b.cost();
        return c;
    }

    private static FunctionPlan build(ControlFlow cf, int entry, List<List<Block>> groups, List<Integer> units) {
        Map<Integer, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Block b : groups.get(g)) groupOf.put(b.start(), g);
        }
        List<SortedSet<Integer>> entries = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) entries.add(new TreeSet<>());
        entries.get(groupOf.get(entry)).add(entry);
        for (int g = 0; g < groups.size(); g++) {
            for (Block b : groups.get(g)) {
                for (int succ : cf.successors(b)) {
                    int target = groupOf.get(succ);
                    if (target != g) entries.get(target).add(succ);
                }
            }
        }
        List<Segment> segments = new ArrayList<>();
        Map<Integer, Segment> owner = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            Segment s = new Segment(entry, "s" + entry + "_" + g, units.get(g), List.copyOf(groups.get(g)),
                    entries.get(g));
            segments.add(s);
            for (Block b : s.blocks()) owner.put(b.start(), s);
        }
        return new FunctionPlan(entry, "f" + entry, owner.get(entry).unit(), segments, owner);
    }
}
