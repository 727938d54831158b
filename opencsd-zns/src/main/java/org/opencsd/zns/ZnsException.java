package org.opencsd.zns;

import java.util.Objects;

/**
 * A zoned-namespace command failed with an NVMe status. The message is one line: the status
 * with its code, then what was wrong, e.g. {@code Zone Invalid Write (0x1bc): write at LBA 0x8
 * is not at the write pointer 0x4 of zone 0 [status 0x41bc]}.
 *
 * <p>A failed command changes no device state, with the one exception the reference documents:
 * the auto-close of the oldest implicitly opened zone, which happens before the resource check.
 * Immutable once thrown.
 */
public final class ZnsException extends RuntimeException {
    private final NvmeStatus status;
    private final String detail;

    public ZnsException(NvmeStatus status, String detail) {
        super(status.label() + ": " + detail + " [status 0x" + Integer.toHexString(status.value()) + "]");
        this.status = Objects.requireNonNull(status);
        this.detail = detail;
    }

    /** The NVMe status the command completed with. */
    public NvmeStatus status() {
        return status;
    }

    /** What was wrong, without the status name. */
    public String detail() {
        return detail;
    }
}
