package org.opencsd.fuse;

/**
 * The kernel's caches of one mounted session, as far as a filesystem may need to correct them:
 * for when the filesystem changes an inode on its own, so that the attributes the kernel cached
 * (for the mount's attribute timeout) are no longer true and no reply carries the new ones. An
 * example: a server that negotiates {@code FUSE_HANDLE_KILLPRIV_V2} clears set-user-ID in its
 * write handler, but the write reply has no attributes, so without a notification {@code stat}
 * keeps showing the old mode until the timeout.
 *
 * <p>Handed to the filesystem by {@link LowLevelFileSystem#init}; {@link #NONE} when there is no
 * kernel to tell (a filesystem used without a mount).
 *
 * <p>Thread-safe: may be called from any thread at any time, including from inside a request
 * handler of the same session (that is what it is for) and after the session has ended (then it
 * does nothing). Never throws.
 */
public interface KernelCache {

    /** Nothing to invalidate: every call returns false. */
    KernelCache NONE = ino -> false;

    /**
     * Makes the kernel forget the cached attributes of inode {@code ino} (its mode, size, times,
     * owner...), so that the next {@code stat} asks the filesystem again, whatever the attribute
     * timeout; cached file data is kept. Safe inside any request handler, a write's included:
     * it takes no page lock in the kernel and waits for no other request. Costs one message to
     * the kernel, so call it when something actually changed, not on every request.
     *
     * @return true when the kernel took the notification; false when the session has ended (or
     *     not started), the kernel does not have {@code ino} cached (nothing to invalidate), or
     *     it refused (an unexpected failure is logged)
     */
    boolean invalidateAttributes(long ino);
}
