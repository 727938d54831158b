package org.opencsd.bench.report;

import java.util.List;

/**
 * One section of the report: a titled set of comparisons drawn as one chart. Immutable.
 *
 * @param id          file-name stem of its chart and CSV ({@code ebpf-engines.png})
 * @param title       Markdown heading
 * @param text        what was measured, one paragraph
 * @param comparisons the rows (empty: the section is omitted with a note)
 * @param ratioName   what the ratio means, for the chart axis and table ("speed-up")
 */
public record Section(String id, String title, String text, List<Comparison> comparisons, String ratioName) {
    public Section {
        comparisons = List.copyOf(comparisons);
    }

    /** A section whose ratio is a speed-up. */
    public Section(String id, String title, String text, List<Comparison> comparisons) {
        this(id, title, text, comparisons, "speed-up");
    }
}
