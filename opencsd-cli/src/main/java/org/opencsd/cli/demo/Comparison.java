package org.opencsd.cli.demo;

/**
 * One task computed on the host and next to the data, with whether both answers are exactly the
 * same (compared on the raw results: histogram bins, counts). Immutable.
 *
 * @param task    what is computed, e.g. "entropy of data.bin (128 MiB)"
 * @param host    the host reads everything
 * @param device  a kernel runs next to the data
 * @param equal   whether the raw results agree
 */
record Comparison(String task, Measurement host, Measurement device, boolean equal) {
    /** Host time over device time: above 1 the device path is faster. */
    double speedup() {
        return (double) host.nanos() / Math.max(1, device.nanos());
    }

    /** How many times fewer bytes reached the host through the device path. */
    double bytesSaved() {
        return (double) host.bytesToHost() / Math.max(1, device.bytesToHost());
    }
}
