package org.opencsd.zns;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a device's accounting since it was opened.
 *
 * @param bytesRead     bytes returned by successful reads
 * @param bytesWritten  bytes stored by successful writes (not appends)
 * @param bytesAppended bytes stored by successful zone appends
 * @param commands      successful commands by kind (every kind present)
 * @param failures      commands that completed with an error status
 *
 * <p>Immutable. Counters are read one after another while commands may run, so a snapshot taken
 * during traffic is not one instant; each figure is exact as of its own read.
 */
public record IoStats(long bytesRead, long bytesWritten, long bytesAppended,
                      Map<CommandKind, Long> commands, long failures) {
    public IoStats {
        EnumMap<CommandKind, Long> all = new EnumMap<>(CommandKind.class);
        for (CommandKind k : CommandKind.values()) all.put(k, commands.getOrDefault(k, 0L));
        commands = java.util.Collections.unmodifiableMap(all);
    }

    /** Successful commands of {@code kind}. */
    public long commands(CommandKind kind) {
        return commands.get(kind);
    }
}
