/* 256-bin byte histogram of the bytes the call context describes (the original's entropy
 * kernel: the host computes Shannon entropy from the bins, eBPF having no floating point).
 * Returns 256 little-endian u32 bins (1 KiB); r0 = 0, -1 without input, -2 on a refused read.
 *
 * The bins and the read buffer are globals (.bss) rather than heap: the JIT proves or predicts
 * accesses through a global's address, while a heap pointer is only known at run time. The
 * loop takes 8 bytes per load. Same result as counting byte by byte. */
#include "opencsd_helpers.h"

#define BUF_BYTES (128 * 1024)

static uint32_t bins[256];
static uint8_t buf[BUF_BYTES] __attribute__((aligned(8)));

static void count(uint64_t bytes) {
    uint64_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        uint64_t w = *(uint64_t *) (buf + i);
        bins[w & 0xff]++;
        bins[(w >> 8) & 0xff]++;
        bins[(w >> 16) & 0xff]++;
        bins[(w >> 24) & 0xff]++;
        bins[(w >> 32) & 0xff]++;
        bins[(w >> 40) & 0xff]++;
        bins[(w >> 48) & 0xff]++;
        bins[w >> 56]++;
    }
    for (; i < bytes; i++) bins[buf[i]]++;
}

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    if (sector_size == 0 || sector_size > BUF_BYTES) return -1;
    for (int i = 0; i < 256; i++) bins[i] = 0;
    uint64_t max_sectors = BUF_BYTES / sector_size;
    uint64_t sectors = csd_sector_count(call, sector_size), next = 0, left = call->dims.size;
    int64_t n;
    while (left > 0 && (n = csd_read_run(csd_data_lbas(call), sectors, &next, zone_size, sector_size, buf, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        count(bytes);
        left -= bytes;
    }
    if (n < 0) return -2;
    bpf_return_data(bins, 256 * sizeof(uint32_t));
    return 0;
}
