package org.opencsd.fluffle;

/** The owner given to new inodes: the caller's uid and gid. Immutable. */
public record Credentials(int uid, int gid) {
    /** uid 0, gid 0. */
    public static final Credentials ROOT = new Credentials(0, 0);
}
