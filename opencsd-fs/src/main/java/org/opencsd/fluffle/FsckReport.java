package org.opencsd.fluffle;

import java.util.List;

/**
 * What fsck found.
 *
 * @param problems broken invariants, one line each (empty: clean)
 * @param notes    findings that are not errors: a torn log tail, orphans freed at next mount
 * @param inodes   inodes checked
 * @param extents  extents checked
 *
 * <p>Immutable.
 */
public record FsckReport(List<String> problems, List<String> notes, long inodes, long extents) {
    public FsckReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Whether no invariant is broken. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
