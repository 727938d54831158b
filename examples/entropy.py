#!/usr/bin/env python3
"""Shannon entropy of a file on a FluffleFS mount, the original OpenCSD's user flow.

  entropy.py FILE KERNEL.o      offloaded: attach the byte_histogram kernel (stored on the same
                                mount) to FILE for this process, read 1 KiB of histogram per
                                512 KiB request, sum the bins on the host
  entropy.py FILE --plain       read the whole file and count the bytes on the host

Prints: entropy (bits per byte), seconds, bytes moved to this process.
"""
import math
import os
import struct
import sys
import time

KEY = "user.process.csd_read_stream"
REQUEST = 512 * 1024


def entropy(bins, total):
    return -sum(c / total * math.log2(c / total) for c in bins if c) if total else 0.0


def plain_histogram(path):
    bins = [0] * 256
    moved = 0
    try:
        import numpy  # fast path when NumPy is there
    except ImportError:
        numpy = None
    total = numpy.zeros(256, dtype=numpy.int64) if numpy is not None else None
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(REQUEST):
            moved += len(chunk)
            if numpy is not None:
                total += numpy.bincount(numpy.frombuffer(chunk, dtype=numpy.uint8), minlength=256)
            else:
                for i in range(256):
                    bins[i] += chunk.count(bytes((i,)))
    return ([int(x) for x in total] if total is not None else bins), moved


def offloaded_histogram(path, kernel):
    bins = [0] * 256
    moved = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        os.setxattr(path, KEY, str(os.stat(kernel).st_ino).encode())
        # a handle opened while the kernel is attached bypasses the page cache (direct I/O); on a
        # mount with --direct-io (the original's behaviour) fd itself would do
        dfd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(dfd).st_size
            for off in range(0, size, REQUEST):
                h = os.pread(dfd, REQUEST, off)
                moved += len(h)
                if len(h) != 1024:
                    sys.exit(f"offset {off}: the kernel returned {len(h)} bytes, not a 1 KiB histogram")
                for i, c in enumerate(struct.unpack("<256I", h)):
                    bins[i] += c
        finally:
            os.close(dfd)
        os.removexattr(path, KEY)
    finally:
        os.close(fd)
    return bins, moved


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, how = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    bins, moved = plain_histogram(path) if how == "--plain" else offloaded_histogram(path, how)
    seconds = time.perf_counter() - start
    total = sum(bins)
    if total != os.stat(path).st_size:
        sys.exit(f"histogram counts {total} bytes, the file has {os.stat(path).st_size}")
    print(f"entropy {entropy(bins, total):.6f} bits/byte  time {seconds:.3f} s  moved {moved} bytes")


if __name__ == "__main__":
    main()
