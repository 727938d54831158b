package org.opencsd.cli.demo;

/**
 * One way of computing one answer: what came out, how long it took (wall time) and how many
 * bytes crossed to the host (the demo's process). Immutable.
 *
 * @param how      e.g. "read all (host)", "offloaded histogram"
 * @param answer   the answer as the user sees it
 * @param nanos    wall time
 * @param bytesToHost bytes the host received to compute it
 */
record Measurement(String how, String answer, long nanos, long bytesToHost) {
    double seconds() {
        return nanos / 1e9;
    }
}
