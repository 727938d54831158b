package org.opencsd.zns;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live accounting behind {@link IoStats}: striped counters ({@link LongAdder}), so counting
 * never serialises threads working on different zones. Thread-safe; {@link #snapshot()} may be
 * called at any time.
 */
final class IoCounters {
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder bytesAppended = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder[] commands = new LongAdder[CommandKind.values().length];

    IoCounters() {
        for (int i = 0; i < commands.length; i++) commands[i] = new LongAdder();
    }

    void command(CommandKind kind) {
        commands[kind.ordinal()].increment();
    }

    void read(long bytes) {
        bytesRead.add(bytes);
        command(CommandKind.READ);
    }

    void written(long bytes) {
        bytesWritten.add(bytes);
        command(CommandKind.WRITE);
    }

    void appended(long bytes) {
        bytesAppended.add(bytes);
        command(CommandKind.APPEND);
    }

    void failed() {
        failures.increment();
    }

    IoStats snapshot() {
        Map<CommandKind, Long> byKind = new EnumMap<>(CommandKind.class);
        for (CommandKind k : CommandKind.values()) byKind.put(k, commands[k.ordinal()].sum());
        return new IoStats(bytesRead.sum(), bytesWritten.sum(), bytesAppended.sum(), byKind, failures.sum());
    }
}
