/* 64-bit FNV-1a hash of the input bytes. */
#include "bench.h"

u64 main(const u8 *mem, u64 len) {
    u64 h = 0xcbf29ce484222325ULL;
    for (u64 i = 0; i < len; i++) {
        h ^= mem[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
