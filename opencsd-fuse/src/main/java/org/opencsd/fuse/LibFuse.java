package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles of {@code libfuse3.so.3} (3.12 or newer: the loop is the versioned
 * {@code fuse_session_loop_mt_312} with a {@code struct fuse_loop_config} from
 * {@code fuse_loop_cfg_create}) and the few C library functions the binding needs. Loaded once,
 * on first use; {@link #available()} tells whether the library could be loaded.
 *
 * <p>The handles are immutable and safe for any thread; the thread-safety of each function is
 * libfuse's: replies may be sent from any thread, once per request.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class LibFuse {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = load();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();

    private LibFuse() {}

    static final MethodHandle SESSION_NEW = fuse("fuse_session_new", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    static final MethodHandle SESSION_MOUNT = fuse("fuse_session_mount", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle SESSION_UNMOUNT = fuseVoid("fuse_session_unmount", ADDRESS);
    static final MethodHandle SESSION_DESTROY = fuseVoid("fuse_session_destroy", ADDRESS);
    static final MethodHandle SESSION_EXIT = fuseVoid("fuse_session_exit", ADDRESS);
    static final MethodHandle SESSION_LOOP_MT = fuse("fuse_session_loop_mt_312", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle LOOP_CFG_CREATE = fuse("fuse_loop_cfg_create", ADDRESS);
    static final MethodHandle LOOP_CFG_DESTROY = fuseVoid("fuse_loop_cfg_destroy", ADDRESS);
    static final MethodHandle LOOP_CFG_SET_IDLE = fuseVoid("fuse_loop_cfg_set_idle_threads", ADDRESS, JAVA_INT);
    static final MethodHandle OPT_FREE_ARGS = fuseVoid("fuse_opt_free_args", ADDRESS);
    static final MethodHandle SESSION_FD = fuse("fuse_session_fd", JAVA_INT, ADDRESS);
    static final MethodHandle SESSION_CUSTOM_IO = fuse("fuse_session_custom_io", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);

    static final MethodHandle REQ_CTX = fuse("fuse_req_ctx", ADDRESS, ADDRESS);
    static final MethodHandle REPLY_ERR = fuse("fuse_reply_err", JAVA_INT, ADDRESS, JAVA_INT);
    static final MethodHandle REPLY_NONE = fuseVoid("fuse_reply_none", ADDRESS);
    static final MethodHandle REPLY_ENTRY = fuse("fuse_reply_entry", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle REPLY_CREATE = fuse("fuse_reply_create", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle REPLY_ATTR = fuse("fuse_reply_attr", JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE);
    static final MethodHandle REPLY_READLINK = fuse("fuse_reply_readlink", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle REPLY_OPEN = fuse("fuse_reply_open", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle REPLY_WRITE = fuse("fuse_reply_write", JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle REPLY_BUF = fuse("fuse_reply_buf", JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle REPLY_STATFS = fuse("fuse_reply_statfs", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle REPLY_XATTR = fuse("fuse_reply_xattr", JAVA_INT, ADDRESS, JAVA_LONG);
    static final MethodHandle REPLY_LSEEK = fuse("fuse_reply_lseek", JAVA_INT, ADDRESS, JAVA_LONG);
    /**
     * {@code int fuse_lowlevel_notify_inval_inode(struct fuse_session *, fuse_ino_t, off_t off, off_t len)}:
     * 0 or -errno; {@code off < 0} invalidates the attributes only (see {@link SessionKernelCache}).
     */
    static final MethodHandle NOTIFY_INVAL_INODE =
            fuse("fuse_lowlevel_notify_inval_inode", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final MethodHandle ADD_DIRENTRY =
            fuse("fuse_add_direntry", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle ADD_DIRENTRY_PLUS =
            fuse("fuse_add_direntry_plus", JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG);

    /** {@code size_t strlen(const char *)}. */
    static final MethodHandle STRLEN = libc("strlen", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    /**
     * {@code int umount2(const char *, int)}: 0, or -1 with errno (EPERM without CAP_SYS_ADMIN).
     * Its first argument is the call-state segment that receives errno ({@link #ERRNO}).
     */
    static final MethodHandle UMOUNT2 = LINKER.downcallHandle(LIBC.findOrThrow("umount2"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    /** Reads errno from a call-state segment: {@code (MemorySegment state, long offset) -> int}. */
    static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** {@code ssize_t read(int, void *, size_t)}; first argument: the call-state segment for errno. */
    static final MethodHandle READ = LINKER.downcallHandle(LIBC.findOrThrow("read"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.captureCallState("errno"));
    /** {@code ssize_t writev(int, const struct iovec *, int)}; first argument: the call-state segment for errno. */
    static final MethodHandle WRITEV = LINKER.downcallHandle(LIBC.findOrThrow("writev"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    /** {@code int *__errno_location(void)}: the calling thread's errno. */
    static final MethodHandle ERRNO_LOCATION = libc("__errno_location", FunctionDescriptor.of(ADDRESS));
    /** Size of the call-state segment {@link #READ}, {@link #WRITEV} and {@link #UMOUNT2} fill. */
    static final long CALL_STATE_SIZE = Linker.Option.captureStateLayout().byteSize();

    /** The address of a C library function (for a function pointer handed to libfuse). */
    static java.lang.foreign.MemorySegment libcFunction(String name) {
        return LIBC.findOrThrow(name);
    }

    /** MNT_DETACH: lazy unmount. */
    static final int MNT_DETACH = 2;

    /** True when {@code libfuse3.so.3} was found. */
    static boolean available() {
        return LIB != null;
    }

    static Linker linker() {
        return LINKER;
    }

    private static SymbolLookup load() {
        try {
            return SymbolLookup.libraryLookup("libfuse3.so.3", Arena.global());
        } catch (IllegalArgumentException notInstalled) {
            return null;
        }
    }

    private static MethodHandle fuse(String name, MemoryLayout result, MemoryLayout... args) {
        return LIB == null ? null : LINKER.downcallHandle(LIB.findOrThrow(name), FunctionDescriptor.of(result, args));
    }

    private static MethodHandle fuseVoid(String name, MemoryLayout... args) {
        return LIB == null ? null : LINKER.downcallHandle(LIB.findOrThrow(name), FunctionDescriptor.ofVoid(args));
    }

    private static MethodHandle libc(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LIBC.findOrThrow(name), fd);
    }
}
