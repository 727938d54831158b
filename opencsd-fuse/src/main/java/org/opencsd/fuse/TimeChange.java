package org.opencsd.fuse;

import java.time.Instant;
import java.util.Objects;

/**
 * What setattr asks for one timestamp, the three cases of {@code utimensat(2)}: leave it
 * (UTIME_OMIT, or the time was not part of the call), set it to the filesystem's current time
 * (UTIME_NOW, or a NULL times argument), or set it to a given time.
 */
public sealed interface TimeChange {

    /** Leave the timestamp as it is. */
    record Omit() implements TimeChange {}

    /** Set the timestamp to the filesystem's clock at the time of the call. */
    record Now() implements TimeChange {}

    /** Set the timestamp to {@code time}. */
    record Set(Instant time) implements TimeChange {
        public Set {
            Objects.requireNonNull(time, "time");
        }
    }

    /** The shared {@link Omit}. */
    TimeChange OMIT = new Omit();
    /** The shared {@link Now}. */
    TimeChange NOW = new Now();

    /** The new value of a timestamp whose current value is {@code current}, at time {@code now}. */
    default Instant apply(Instant current, Instant now) {
        return switch (this) {
            case Omit o -> current;
            case Now n -> now;
            case Set s -> s.time();
        };
    }
}
