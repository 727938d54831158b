package org.opencsd.csd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** LbaGrant's lookups agree with a brute-force set of LBAs, for any ranges in any order. */
class GrantProperties {
    @Property(tries = 300)
    boolean canReadAndCanWriteMatchASetOfLbas(@ForAll("ranges") List<LbaRange> ranges, @ForAll("queries") List<long[]> queries) {
        LbaGrant g = LbaGrant.of(ranges);
        Set<Long> readable = new HashSet<>(), writable = new HashSet<>();
        for (LbaRange r : ranges) {
            for (long l = r.first(); l < r.end(); l++) {
                readable.add(l);
                if (r.access() == LbaRange.Access.READ_WRITE) writable.add(l);
            }
        }
        if (g.lbaCount() != readable.size()) return false;
        for (long[] q : queries) {
            if (g.canRead(q[0], q[1]) != all(readable, q[0], q[1])) return false;
            if (g.canWrite(q[0], q[1]) != all(writable, q[0], q[1])) return false;
        }
        List<Long> sorted = new ArrayList<>(readable);
        sorted.sort(null);
        long[] lbas = g.lbas();
        for (int i = 0; i < lbas.length; i++) if (lbas[i] != sorted.get(i)) return false;
        return true;
    }

    private static boolean all(Set<Long> set, long first, long count) {
        for (long l = first; l < first + count; l++) if (!set.contains(l)) return false;
        return true;
    }

    @Provide
    Arbitrary<List<LbaRange>> ranges() {
        Arbitrary<LbaRange> r = Combinators.combine(Arbitraries.longs().between(0, 200), Arbitraries.longs().between(1, 30),
                Arbitraries.of(LbaRange.Access.class)).as(LbaRange::new);
        return r.list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<long[]>> queries() {
        return Combinators.combine(Arbitraries.longs().between(0, 240), Arbitraries.longs().between(1, 40))
                .as((a, b) -> new long[] {a, b}).list().ofSize(20);
    }
}
