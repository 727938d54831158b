#!/usr/bin/env bash
# fio over a FluffleFS mount vs libfuse's passthrough_ll example over a folder on the same disk,
# the original OpenCSD's matrix; then the entropy of one file offloaded vs plain.
# Not a timed test. Needs root, fio, fuse3, libfuse3-dev (make setup).
#
#   bench/fuse-matrix.sh                       full matrix: files 64K..1G, requests 4K..512K
#   FILES="64k 16m" REQS="4k 128k 512k" ENTROPY_MIB=64 bench/fuse-matrix.sh     reduced
#
# Prints one line per (target-independent) case: MiB/s on FluffleFS, on passthrough_ll, ratio;
# then bench/entropy-rounds.sh: entropy offloaded vs plain, alternating rounds (ENTROPY_ROUNDS=3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
FILES=${FILES:-"64k 1m 16m 128m 1g"}
REQS=${REQS:-"4k 16k 128k 512k"}
ENTROPY_MIB=${ENTROPY_MIB:-1024}
work=$(mktemp -d /tmp/fuse-matrix.XXXXXX)
fl=$work/fluffle pt=$work/pt backing=$work/backing
mkdir -p "$fl" "$pt" "$backing"
cleanup() {
  for m in "$fl" "$pt"; do
    if grep -q " $m fuse" /proc/self/mounts; then fusermount3 -u "$m" || fusermount3 -u -z "$m"; fi
  done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

# passthrough_ll from libfuse3-dev's examples (shipped as sources under /usr/share/doc)
ex=/usr/share/doc/libfuse3-dev/examples
[ -f "$ex/passthrough_ll.c" ] || { echo "libfuse3-dev's examples are not installed ($ex)" >&2; exit 1; }
gcc -O2 -Wall -I"$ex" "$ex/passthrough_ll.c" $(pkg-config fuse3 --cflags --libs) -o "$work/passthrough_ll"
"$work/passthrough_ll" -o source="$backing" "$pt"

bytes() { numfmt --from=iec "${1^^}"; }
max=0; for f in $FILES; do b=$(bytes "$f"); [ "$b" -gt "$max" ] && max=$b; done
[ $((ENTROPY_MIB << 20)) -gt "$max" ] && max=$((ENTROPY_MIB << 20))
zones=$(( max * 3 / (64 << 20) + 16 ))
"$root/bin/opencsd" zns create "$work/dev.img" --zones "$zones" --zone-size 64M >/dev/null
"$root/bin/opencsd" mkfs "$work/dev.img" >/dev/null
"$root/bin/opencsd" mount "$work/dev.img" "$fl" --log "$work/mount.log" >/dev/null

# MiB/s of one fio job (psync, iodepth 1, as the original)
run_fio() {  # DIR RW FILE_SIZE REQ
  local out
  out=$(fio --name=m --directory="$1" --filename="f-$3" --rw="$2" --size="$3" --bs="$4" --ioengine=psync \
        --end_fsync=1 --output-format=json 2>/dev/null)
  python3 -c 'import json,sys; j=json.load(sys.stdin)["jobs"][0]; k=sys.argv[1]; print("%.1f" % (j[k]["bw_bytes"] / 1048576))' \
    "$([ "${2#rand}" = read ] && echo read || echo write)" <<<"$out"
}
printf '%-10s %6s %5s %12s %12s %7s\n' workload file req "fluffle" "passthru" ratio
for rw in write read randwrite randread; do
  for f in $FILES; do
    for q in $REQS; do
      [ "$(bytes "$q")" -gt "$(bytes "$f")" ] && continue
      sync; echo 3 > /proc/sys/vm/drop_caches
      a=$(run_fio "$fl" "$rw" "$f" "$q")
      sync; echo 3 > /proc/sys/vm/drop_caches
      b=$(run_fio "$pt" "$rw" "$f" "$q")
      printf '%-10s %6s %5s %9s MiB/s %9s MiB/s %6.2fx\n' "$rw" "$f" "$q" "$a" "$b" "$(python3 -c "print($a / $b if $b else 0)")"
    done
  done
  rm -f "$fl"/f-* "$pt"/f-* 2>/dev/null || true
  [ "$rw" = write ] && true
done

echo
echo "entropy of a $ENTROPY_MIB MiB file (random bytes), 512 KiB requests, bundled byte_histogram kernel:"
"$root/bench/entropy-rounds.sh" "$fl" "$ENTROPY_MIB" "${ENTROPY_ROUNDS:-3}"
