/* Shared declarations of the benchmark kernels. Each kernel is entered as main(mem, len):
 * r1 = the input buffer (a VM address), r2 = its length in bytes; r0 = the result. */
#ifndef OPENCSD_BENCH_H
#define OPENCSD_BENCH_H
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;
#endif
