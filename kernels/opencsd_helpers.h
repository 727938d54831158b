/* The OpenCSD helper ABI as seen by device kernels (see docs/helper-abi.md).
 *
 * Kernels are C compiled with `clang -O2 -target bpf -c`; each helper is declared the way the
 * original OpenCSD declared it, `static RET (*name)(ARGS) = (void *) ID;`, which clang turns
 * into `call ID`. Ids and signatures are the original's, so its kernels compile and run
 * unchanged. Every pointer a helper receives is checked against the kernel's memory, and
 * bpf_read/bpf_write act only inside the LBA ranges the execution was granted (else -1).
 *
 * How a kernel finds its input: bpf_get_call_info gives the call context (struct flfs_call
 * below), whose dims.size bytes live in the LBAs listed after it (one u64 LBA per sector,
 * then a 0). The filesystem passes one per read request; `opencsd csd run --zone N` and
 * `--lbas A-B` pass one describing the granted range, so a kernel works in both places.
 */
#ifndef OPENCSD_HELPERS_H
#define OPENCSD_HELPERS_H

#include <stdint.h>

#define CSD_UNUSED __attribute__((unused))

/* 1: copy size bytes out as the execution's result (the last call wins). */
static void (*bpf_return_data)(void *data, uint64_t size) CSD_UNUSED = (void *) 1;
/* 2: read size bytes at byte offset `offset` of zone/sector into data; 0, or -1 on failure. */
static int (*bpf_read)(uint64_t zone, uint64_t sector, uint64_t offset, uint64_t size, void *data) CSD_UNUSED = (void *) 2;
/* 3: zone append of size bytes from data (last sector zero-padded); the assigned sector (within
 * the zone) is stored in *sector; 0, or -1 on failure. Needs the whole zone granted writable. */
static int (*bpf_write)(uint64_t zone, uint64_t *sector, uint64_t offset, uint64_t size, void *data) CSD_UNUSED = (void *) 3;
/* 4: bytes per sector (LBA). */
static uint64_t (*bpf_get_sector_size)(void) CSD_UNUSED = (void *) 4;
/* 5: writable sectors per zone. */
static uint64_t (*bpf_get_zone_capacity)(void) CSD_UNUSED = (void *) 5;
/* 6: sectors per zone: LBA = zone * zone_size + sector. */
static uint64_t (*bpf_get_zone_size)(void) CSD_UNUSED = (void *) 6;
/* 7: the kernel's scratch heap (the bytes after the call context). */
static void (*bpf_get_mem_info)(void **mem_ptr, uint64_t *mem_size) CSD_UNUSED = (void *) 7;
/* 8: the call context, or *call left untouched when the execution has none. */
static void (*bpf_get_call_info)(void **call) CSD_UNUSED = (void *) 8;
/* 9: log a NUL-terminated string (bounded; see docs/helper-abi.md). */
static void (*bpf_debug)(const char *string) CSD_UNUSED = (void *) 9;

/* FluffleFS operations as exposed to kernels. */
enum flfs_operations {
    FLFS_READ_STREAM = 0,
    FLFS_WRITE_EVENT = 1,
};

/* FluffleFS file types as exposed to kernels. */
enum flfs_types {
    FLFS_FILE = 0,
    FLFS_DIR = 1,
};

/* The request: dims.size bytes at file offset dims.offset. */
struct dimensions {
    uint64_t size;
    uint64_t offset;
};

/* The inode the request is about. */
struct inode {
    uint64_t inode;
    uint64_t parent;
    enum flfs_types type;
    uint64_t size;
};

/* The call context (52 bytes, packed), followed by the u64 LBA list, 0-terminated. */
struct __attribute__((packed)) flfs_call {
    enum flfs_operations op;
    struct dimensions dims;
    struct inode ino;
};

/* The LBA-list entry of a block the file never wrote (a hole); bpf_read of it gives zeroes. */
#define CSD_HOLE_LBA ((uint64_t) -1)

/* The first entry of the LBA list that follows the call context. */
static inline uint64_t *csd_data_lbas(struct flfs_call *call) {
    return (uint64_t *) ((uint8_t *) call + sizeof(struct flfs_call));
}

/* Number of LBA-list entries covering the request (dims.size bytes). */
static inline uint64_t csd_sector_count(struct flfs_call *call, uint64_t sector_size) {
    return (call->dims.size + sector_size - 1) / sector_size;
}

/* The original's helper: zone and sector of an LBA. */
static inline void lba_to_position(uint64_t lba, uint64_t zone_size, uint64_t *zone, uint64_t *sector) {
    *zone = lba / zone_size;
    *sector = lba % zone_size;
}

/* Reads the run of contiguous LBAs (same zone, at most max_sectors) starting at list entry *next
 * into buf with one bpf_read; advances *next past it. Returns the bytes read, 0 at the end of the
 * list, or -1 when the device refused the read. */
static inline int64_t csd_read_run(const uint64_t *lbas, uint64_t count, uint64_t *next,
                                   uint64_t zone_size, uint64_t sector_size, void *buf,
                                   uint64_t max_sectors) {
    uint64_t i = *next;
    if (i >= count || max_sectors == 0) return 0;
    uint64_t first = lbas[i];
    uint64_t run = 1;
    while (i + run < count && run < max_sectors && lbas[i + run] == first + run
           && (first + run) % zone_size != 0) {
        run++;
    }
    *next = i + run;
    if (bpf_read(first / zone_size, first % zone_size, 0, run * sector_size, buf) != 0) return -1;
    return (int64_t) (run * sector_size);
}

#endif
