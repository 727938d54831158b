/* Bloom-filter probe: the input is a sequence of little-endian u64 keys; each is hashed to three
 * bit positions of a 65,536-bit filter (in .bss, filled at the start of every call with a fixed
 * pseudo-random pattern, about half the bits set); returns how many keys hit all three bits.
 * The probes are random loads over 8 KiB. */
#include "bench.h"

#define WORDS 1024

u64 filter[WORDS];

u64 main(const u64 *mem, u64 len) {
    for (u64 i = 0; i < WORDS; i++) filter[i] = (i + 1) * 0x9e3779b97f4a7c15ULL;
    u64 hits = 0;
    for (u64 i = 0; i < len / 8; i++) {
        u64 h = mem[i] * 0xff51afd7ed558ccdULL;
        u64 a = h & 0xffff, b = (h >> 21) & 0xffff, c = (h >> 42) & 0xffff;
        u64 bits = (filter[a >> 6] >> (a & 63)) & (filter[b >> 6] >> (b & 63)) & (filter[c >> 6] >> (c & 63));
        hits += bits & 1;
    }
    return hits;
}
