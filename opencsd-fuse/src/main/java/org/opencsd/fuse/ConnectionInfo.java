package org.opencsd.fuse;

/**
 * What the kernel and libfuse agreed on at init ({@code struct fuse_conn_info}), for logging and
 * for filesystems that size their buffers after it.
 *
 * @param protoMajor FUSE protocol major version
 * @param protoMinor FUSE protocol minor version
 * @param maxWrite largest write the kernel will send, in bytes
 * @param maxRead largest read (0: no limit beyond max pages)
 * @param maxReadahead largest readahead
 * @param capable FUSE_CAP_* bits the kernel supports
 * @param want FUSE_CAP_* bits in use
 */
public record ConnectionInfo(int protoMajor, int protoMinor, int maxWrite, int maxRead,
                             int maxReadahead, int capable, int want) {}
