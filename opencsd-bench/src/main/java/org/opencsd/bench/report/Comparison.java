package org.opencsd.bench.report;

/**
 * A candidate measured against its baseline in the same run. Immutable.
 *
 * @param label     what is compared (a kernel, a size)
 * @param candidate the measured variant, e.g. {@code jit}
 * @param baseline  its baseline, e.g. {@code java}
 * @param value     the candidate's score
 * @param base      the baseline's score
 * @param unit      unit of both scores
 * @param speedup   how many times faster the candidate is than the baseline (> 1: faster),
 *                  whatever the unit's direction
 */
public record Comparison(String label, String candidate, String baseline, double value, double base, String unit,
                         double speedup) {
    /** Builds a comparison; {@code higherIsBetter} tells how to turn the two scores into a speed-up. */
    public static Comparison of(String label, String candidate, String baseline, double value, double base, String unit,
                                boolean higherIsBetter) {
        double s = higherIsBetter ? value / base : base / value;
        return new Comparison(label, candidate, baseline, value, base, unit, s);
    }
}
