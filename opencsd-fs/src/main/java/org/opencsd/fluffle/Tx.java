package org.opencsd.fluffle;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of one operation: each is applied to the state as it is added (so the rest of the
 * operation sees it) and all go to the log together at {@link #commit}, which makes them durable
 * as one unit. An operation checks everything that can fail before its first {@link #add}.
 *
 * <p>Not thread-safe: used by one operation under the write lock.
 */
final class Tx {
    private final MetaState state;
    private final MetadataLog log;
    private final List<LogRecord> records = new ArrayList<>();

    Tx(MetaState state, MetadataLog log) {
        this.state = state;
        this.log = log;
    }

    void add(LogRecord r) {
        state.apply(r);
        records.add(r);
    }

    void commit() {
        log.add(records);
        records.clear();
    }
}
