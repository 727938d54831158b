package org.opencsd.fuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link FuseSession} mounts and serves a filesystem. Immutable; build from
 * {@link #defaults()} with the {@code with...} methods.
 *
 * @param fsName the source shown in {@code /proc/mounts} and {@code df}
 * @param subtype the type suffix: the mount shows as {@code fuse.SUBTYPE}
 * @param allowOther let users other than the mounting one access the mount (root only, or with
 *     {@code user_allow_other} in {@code /etc/fuse.conf})
 * @param defaultPermissions let the kernel check permissions from the mode, owner and group in
 *     the attributes (then {@link LowLevelFileSystem#access} is not called)
 * @param readdirPlus serve readdirplus (entries with attributes, each counting a lookup)
 * @param debug libfuse's own request trace ({@code -d}) on standard error
 * @param attrTimeout how long the kernel caches attributes
 * @param entryTimeout how long the kernel caches name lookups
 * @param maxIdleThreads most threads the multi-threaded loop keeps waiting for requests
 */
public record MountOptions(String fsName, String subtype, boolean allowOther, boolean defaultPermissions,
                           boolean readdirPlus, boolean debug, Duration attrTimeout, Duration entryTimeout,
                           int maxIdleThreads) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/+-]+");

    public MountOptions {
        requireName(fsName, "fsName");
        requireName(subtype, "subtype");
        requireNotNegative(attrTimeout, "attrTimeout");
        requireNotNegative(entryTimeout, "entryTimeout");
        if (maxIdleThreads < 1) throw new IllegalArgumentException("maxIdleThreads must be >= 1: " + maxIdleThreads);
    }

    /**
     * fsName and subtype "opencsd", kernel permission checks, no readdirplus, 1 s attribute and
     * entry caching, up to 10 idle threads (libfuse's default).
     */
    public static MountOptions defaults() {
        return new MountOptions("opencsd", "opencsd", false, true, false, false,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 10);
    }

    public MountOptions withFsName(String name) {
        return new MountOptions(name, subtype, allowOther, defaultPermissions, readdirPlus, debug, attrTimeout, entryTimeout, maxIdleThreads);
    }

    public MountOptions withAllowOther(boolean on) {
        return new MountOptions(fsName, subtype, on, defaultPermissions, readdirPlus, debug, attrTimeout, entryTimeout, maxIdleThreads);
    }

    public MountOptions withDefaultPermissions(boolean on) {
        return new MountOptions(fsName, subtype, allowOther, on, readdirPlus, debug, attrTimeout, entryTimeout, maxIdleThreads);
    }

    public MountOptions withReaddirPlus(boolean on) {
        return new MountOptions(fsName, subtype, allowOther, defaultPermissions, on, debug, attrTimeout, entryTimeout, maxIdleThreads);
    }

    public MountOptions withDebug(boolean on) {
        return new MountOptions(fsName, subtype, allowOther, defaultPermissions, readdirPlus, on, attrTimeout, entryTimeout, maxIdleThreads);
    }

    public MountOptions withTimeouts(Duration attr, Duration entry) {
        return new MountOptions(fsName, subtype, allowOther, defaultPermissions, readdirPlus, debug, attr, entry, maxIdleThreads);
    }

    public MountOptions withMaxIdleThreads(int n) {
        return new MountOptions(fsName, subtype, allowOther, defaultPermissions, readdirPlus, debug, attrTimeout, entryTimeout, n);
    }

    /** The argument vector for {@code fuse_session_new}, program name first. */
    List<String> arguments() {
        List<String> mountOptions = new ArrayList<>(List.of("fsname=" + fsName, "subtype=" + subtype));
        if (allowOther) mountOptions.add("allow_other");
        if (defaultPermissions) mountOptions.add("default_permissions");
        List<String> args = new ArrayList<>(List.of("opencsd-fuse", "-o", String.join(",", mountOptions)));
        if (debug) args.add("-d");
        return args;
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) throw new IllegalArgumentException(what + " must match " + NAME + ": " + value);
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) throw new IllegalArgumentException(what + " is negative: " + d);
    }
}
