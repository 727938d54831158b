package org.opencsd.fuse;

/**
 * A filesystem's answer to open, opendir or create: its handle for the new open file and the
 * per-open flags the kernel applies to that handle only ({@code struct fuse_file_info}).
 *
 * @param fh the filesystem's handle; passed back on every operation through this open file
 * @param directIo bypass the page cache for this handle: every read and write of it reaches the
 *     filesystem, a short read is returned to the caller as is (not taken as end of file), and
 *     nothing read through it enters the page cache (other handles of the same file keep caching)
 * @param keepCache keep cached data of the file from earlier opens instead of invalidating it
 * @param nonSeekable the file is not seekable (pipes, streams)
 * @param cacheReaddir (opendir only) let the kernel cache this directory's readdir results
 * @param noFlush do not send flush when this handle is closed
 */
public record OpenResult(long fh, boolean directIo, boolean keepCache, boolean nonSeekable,
                         boolean cacheReaddir, boolean noFlush) {

    /** A handle with the default flags: cached I/O, cache invalidated at open. */
    public static OpenResult of(long fh) {
        return new OpenResult(fh, false, false, false, false, false);
    }

    /** This result with {@code directIo} set as given. */
    public OpenResult withDirectIo(boolean on) {
        return new OpenResult(fh, on, keepCache, nonSeekable, cacheReaddir, noFlush);
    }

    /** This result with {@code keepCache} set as given. */
    public OpenResult withKeepCache(boolean on) {
        return new OpenResult(fh, directIo, on, nonSeekable, cacheReaddir, noFlush);
    }
}
