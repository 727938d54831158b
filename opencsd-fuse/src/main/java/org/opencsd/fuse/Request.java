package org.opencsd.fuse;

import java.util.OptionalLong;

/**
 * Who made a request: the credentials and task id the kernel sent with it ({@code fuse_req_ctx}).
 *
 * <p>{@code pid} is the kernel's id of the calling <em>task</em>: the process id for a
 * single-threaded caller, the thread id (gettid) for a call made by any other thread of a
 * multi-threaded one. Use {@link #processId()} for the process (thread group) it belongs to,
 * e.g. to scope per-process state. It is 0 for requests the kernel makes on its own behalf
 * (e.g. FORGET).
 *
 * @param uid effective user id of the caller
 * @param gid effective group id of the caller
 * @param pid kernel task id of the caller (see above)
 * @param umask the caller's umask; meaningful only for create, mkdir and mknod (0 otherwise).
 *     The kernel has already applied it to the mode those operations receive.
 */
public record Request(int uid, int gid, int pid, int umask) {

    /**
     * The process (thread group) id of the calling task ({@link ThreadGroups}); empty when the
     * task has exited already or {@code pid} is 0. Costs two system calls for a thread-group
     * leader, a small {@code /proc} file read for any other thread.
     */
    public OptionalLong processId() {
        return ThreadGroups.of(pid);
    }
}
