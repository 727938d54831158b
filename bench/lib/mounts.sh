# Sourced by the mount benchmarks (bench/fuse-matrix.sh, bench/db-bench.sh): a FluffleFS mount and
# libfuse's passthrough_ll example over a folder on the same disk, side by side in a temporary
# folder; both are unmounted and the folder deleted when the sourcing script exits.
#
#   mounts_start BYTES   image big enough for BYTES of files (x3 + 16 zones of 64 MiB for GC room);
#                        sets MOUNT_WORK, FLUFFLE (mount point) and PASSTHROUGH (mount point)
#   MOUNTS_EXTRA+=(DIR)  a further mount point under MOUNT_WORK to unmount at exit
#   bench_args NAME ARGS...   parses --quick and --json FILE: sets quick (0/1) and json
#   drop_caches          sync and drop the page cache (root), so each run starts cold
#
# Needs root, fuse3, gcc, pkg-config and libfuse3-dev (whose examples ship as sources).

mounts_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MOUNTS_EXTRA=()

mounts_cleanup() {
  local m
  for m in "${FLUFFLE:-}" "${PASSTHROUGH:-}" "${MOUNTS_EXTRA[@]}"; do
    [ -n "$m" ] || continue
    if grep -q " $m fuse" /proc/self/mounts; then fusermount3 -u "$m" 2>/dev/null || fusermount3 -u -z "$m"; fi
  done
  sleep 0.5
  [ -n "${MOUNT_WORK:-}" ] && rm -rf "$MOUNT_WORK"
}

mounts_start() {
  local bytes=$1 ex=/usr/share/doc/libfuse3-dev/examples zones
  [ "$(id -u)" = 0 ] || { echo "the mount benchmarks need root (FUSE mounts, dropping the page cache)" >&2; exit 1; }
  [ -f "$ex/passthrough_ll.c" ] || { echo "libfuse3-dev's examples are not installed ($ex); run make setup" >&2; exit 1; }
  MOUNT_WORK=$(mktemp -d /tmp/opencsd-mounts.XXXXXX)
  trap mounts_cleanup EXIT
  FLUFFLE=$MOUNT_WORK/fluffle PASSTHROUGH=$MOUNT_WORK/passthrough
  mkdir -p "$FLUFFLE" "$PASSTHROUGH" "$MOUNT_WORK/backing"
  gcc -O2 -Wall -I"$ex" "$ex/passthrough_ll.c" $(pkg-config fuse3 --cflags --libs) -o "$MOUNT_WORK/passthrough_ll"
  "$MOUNT_WORK/passthrough_ll" -o source="$MOUNT_WORK/backing" "$PASSTHROUGH"
  zones=$(( bytes * 3 / (64 << 20) + 16 ))
  "$mounts_root/bin/opencsd" zns create "$MOUNT_WORK/dev.img" --zones "$zones" --zone-size 64M >/dev/null
  "$mounts_root/bin/opencsd" mkfs "$MOUNT_WORK/dev.img" >/dev/null
  "$mounts_root/bin/opencsd" mount "$MOUNT_WORK/dev.img" "$FLUFFLE" --log "$MOUNT_WORK/mount.log" >/dev/null
}

drop_caches() {
  sync
  echo 3 > /proc/sys/vm/drop_caches
}

# One row of a results file read by the report (docs/bench.md): LABEL VALUE BASE UNIT
json_row() {
  printf '{"label": "%s", "candidate": "FluffleFS", "baseline": "passthrough_ll", "value": %s, "base": %s, "unit": "%s", "higherIsBetter": true}' "$1" "$2" "$3" "$4"
}

# The mount runners' common options: --quick (sets quick=1) and --json FILE (sets json)
bench_args() {
  local name=$1; shift
  json=""; quick=0
  while [ $# -gt 0 ]; do
    case $1 in
      --quick) quick=1 ;;
      --json) [ $# -ge 2 ] || { echo "$name: --json needs a file" >&2; exit 2; }; json=$2; shift ;;
      *) echo "$name: unknown argument '$1' (use --quick, --json FILE)" >&2; exit 2 ;;
    esac
    shift
  done
}

# Writes the rows (json_row strings) as one JSON array to FILE: write_rows FILE ROW...
write_rows() {
  local file=$1; shift
  mkdir -p "$(dirname "$file")"
  (IFS=,; echo "[$*]") > "$file"
  echo "wrote $file"
}
