#!/usr/bin/env bash
# The original OpenCSD's demonstration, end to end: make an image, mount it, store the
# byte_histogram kernel and a data file on it, and compute the file's entropy twice: from
# device-side histograms (offloaded) and by reading the whole file. Unmounts on every exit.
#   examples/entropy.sh [SIZE_MIB]      (default 64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-64}
work=$(mktemp -d /tmp/opencsd-entropy.XXXXXX)
mnt=$work/mnt
mkdir -p "$mnt"
cleanup() {
  if grep -q " $mnt fuse" /proc/self/mounts; then fusermount3 -u "$mnt" || fusermount3 -u -z "$mnt"; fi
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
zones=$(( size_mib / 64 * 2 + 16 ))
"$root/bin/opencsd" zns create "$work/dev.img" --zones "$zones" --zone-size 64M >/dev/null
"$root/bin/opencsd" mkfs "$work/dev.img" >/dev/null
"$root/bin/opencsd" mount "$work/dev.img" "$mnt" --log "$work/mount.log"
# the kernel: compiled by the build, or compiled here
kernel=$(find "$root/opencsd-csd/target/classes" -name byte_histogram.o | head -1)
if [ -z "$kernel" ]; then
  clang -O2 -target bpf -ffreestanding -c "$root/kernels/byte_histogram.c" -o "$work/byte_histogram.o"
  kernel=$work/byte_histogram.o
fi
cp "$kernel" "$mnt/byte_histogram.o"
# skewed data (text-like), so that the entropy is neither 0 nor 8
python3 - "$mnt/data" "$size_mib" <<'PY'
import random, sys
random.seed(1)
words = [bytes(random.choice(b"etaoinshrdlu  ") for _ in range(random.randint(1, 9))) for _ in range(4096)]
with open(sys.argv[1], "wb") as f:
    for _ in range(int(sys.argv[2])):
        block = b" ".join(random.choice(words) for _ in range(200000))
        f.write(block[:1 << 20])
PY
echo "file: $size_mib MiB on FluffleFS"
echo -n "offloaded: "; python3 "$root/examples/entropy.py" "$mnt/data" "$mnt/byte_histogram.o"
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
echo -n "plain:     "; python3 "$root/examples/entropy.py" "$mnt/data" --plain
