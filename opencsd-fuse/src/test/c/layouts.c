/* Prints the layout facts of libfuse 3.14 / glibc x86-64 that NativeStructs and OperationTable
 * hard-code, one "name value" per line; NativeStructsTest compiles and runs this with gcc and
 * compares. Not part of the build otherwise. */
#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#define SIZE(t) printf("sizeof." #t " %zu\n", sizeof(struct t))
#define OFF(t, f) printf(#t "." #f " %zu\n", offsetof(struct t, f))

static struct fuse_file_info fi;

static void bit(const char *name, void (*set)(void)) {
    unsigned int word;
    memset(&fi, 0, sizeof fi);
    set();
    memcpy(&word, (char *)&fi + 4, sizeof word);
    printf("fuse_file_info.bit.%s %d\n", name, __builtin_ctz(word));
}
#define BIT(f) static void set_##f(void) { fi.f = 1; }
BIT(writepage) BIT(direct_io) BIT(keep_cache) BIT(flush) BIT(nonseekable) BIT(flock_release)
BIT(cache_readdir) BIT(noflush)

int main(void) {
    SIZE(stat); OFF(stat, st_ino); OFF(stat, st_nlink); OFF(stat, st_mode); OFF(stat, st_uid);
    OFF(stat, st_gid); OFF(stat, st_rdev); OFF(stat, st_size); OFF(stat, st_blksize);
    OFF(stat, st_blocks); OFF(stat, st_atim); OFF(stat, st_mtim); OFF(stat, st_ctim);
    SIZE(fuse_entry_param); OFF(fuse_entry_param, ino); OFF(fuse_entry_param, generation);
    OFF(fuse_entry_param, attr); OFF(fuse_entry_param, attr_timeout); OFF(fuse_entry_param, entry_timeout);
    SIZE(fuse_file_info); OFF(fuse_file_info, flags); OFF(fuse_file_info, fh);
    OFF(fuse_file_info, lock_owner); OFF(fuse_file_info, poll_events);
    bit("writepage", set_writepage); bit("direct_io", set_direct_io); bit("keep_cache", set_keep_cache);
    bit("flush", set_flush); bit("nonseekable", set_nonseekable); bit("flock_release", set_flock_release);
    bit("cache_readdir", set_cache_readdir); bit("noflush", set_noflush);
    SIZE(statvfs); OFF(statvfs, f_bsize); OFF(statvfs, f_frsize); OFF(statvfs, f_blocks);
    OFF(statvfs, f_bfree); OFF(statvfs, f_bavail); OFF(statvfs, f_files); OFF(statvfs, f_ffree);
    OFF(statvfs, f_favail); OFF(statvfs, f_namemax);
    SIZE(fuse_ctx); OFF(fuse_ctx, uid); OFF(fuse_ctx, gid); OFF(fuse_ctx, pid); OFF(fuse_ctx, umask);
    SIZE(fuse_conn_info); OFF(fuse_conn_info, proto_major); OFF(fuse_conn_info, proto_minor);
    OFF(fuse_conn_info, max_write); OFF(fuse_conn_info, max_read); OFF(fuse_conn_info, max_readahead);
    OFF(fuse_conn_info, capable); OFF(fuse_conn_info, want);
    SIZE(fuse_args); OFF(fuse_args, argc); OFF(fuse_args, argv); OFF(fuse_args, allocated);
    SIZE(fuse_forget_data); OFF(fuse_forget_data, ino); OFF(fuse_forget_data, nlookup);
    SIZE(fuse_lowlevel_ops);
#define OP(f) OFF(fuse_lowlevel_ops, f)
    OP(init); OP(destroy); OP(lookup); OP(forget); OP(getattr); OP(setattr); OP(readlink); OP(mknod);
    OP(mkdir); OP(unlink); OP(rmdir); OP(symlink); OP(rename); OP(link); OP(open); OP(read); OP(write);
    OP(flush); OP(release); OP(fsync); OP(opendir); OP(readdir); OP(releasedir); OP(fsyncdir);
    OP(statfs); OP(setxattr); OP(getxattr); OP(listxattr); OP(removexattr); OP(access); OP(create);
    OP(forget_multi); OP(fallocate); OP(readdirplus); OP(copy_file_range); OP(lseek);
    printf("FUSE_SET_ATTR.MODE %d\nFUSE_SET_ATTR.UID %d\nFUSE_SET_ATTR.GID %d\nFUSE_SET_ATTR.SIZE %d\n"
           "FUSE_SET_ATTR.ATIME %d\nFUSE_SET_ATTR.MTIME %d\nFUSE_SET_ATTR.ATIME_NOW %d\n"
           "FUSE_SET_ATTR.MTIME_NOW %d\nFUSE_SET_ATTR.CTIME %d\nFUSE_SET_ATTR.KILL_SUID %d\n"
           "FUSE_SET_ATTR.KILL_SGID %d\n",
           FUSE_SET_ATTR_MODE, FUSE_SET_ATTR_UID, FUSE_SET_ATTR_GID, FUSE_SET_ATTR_SIZE,
           FUSE_SET_ATTR_ATIME, FUSE_SET_ATTR_MTIME, FUSE_SET_ATTR_ATIME_NOW, FUSE_SET_ATTR_MTIME_NOW,
           FUSE_SET_ATTR_CTIME, FUSE_SET_ATTR_KILL_SUID, FUSE_SET_ATTR_KILL_SGID);
    return 0;
}
