package org.opencsd.csd;

import java.util.concurrent.atomic.LongAdder;

/** The device's running totals. Thread-safe (adders); one per device. */
final class Accounting {
    private final LongAdder executions = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder bytesReturned = new LongAdder();
    private final LongAdder bytesCopied = new LongAdder();
    private final LongAdder instructions = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void completed(ExecutionStats s) {
        executions.increment();
        bytesRead.add(s.bytesRead());
        bytesWritten.add(s.bytesWritten());
        bytesReturned.add(s.bytesReturned());
        instructions.add(s.instructions());
        nanos.add(s.nanos());
    }

    /** A failed execution: what it read or wrote before failing still counts. */
    void failed(long read, long written) {
        failures.increment();
        bytesRead.add(read);
        bytesWritten.add(written);
    }

    void copied(long bytes) {
        bytesCopied.add(bytes);
    }

    DeviceTotals snapshot() {
        return new DeviceTotals(executions.sum(), failures.sum(), bytesRead.sum(), bytesWritten.sum(), bytesReturned.sum(),
                bytesCopied.sum(), instructions.sum(), nanos.sum());
    }
}
