#!/usr/bin/env bash
# fio over a FluffleFS mount vs libfuse's passthrough_ll example over a folder on the same disk,
# the original OpenCSD's matrix; then the entropy of one file offloaded vs plain.
# Not a timed test. Needs root, fio, fuse3, libfuse3-dev (make setup).
#
#   bench/fuse-matrix.sh                       full matrix: files 64K..1G, requests 4K..512K
#   FILES="64k 16m" REQS="4k 128k 512k" ENTROPY_MIB=64 bench/fuse-matrix.sh     reduced
#   RWS="write read" REPEAT=5 ...              only these workloads, 5 rounds per case
#   BASE_ROOT=/path/to/other/checkout ...      also a FluffleFS mount served by that build
#   ENTROPY_MIB=0 ...                          skip the entropy part
#   --quick                                    16m and 128m files, 4k/128k/512k, write+read, 1 round
#   --json FILE                                also write the medians as rows for the report
#                                              (bench/results/fio.json, format in docs/bench.md)
#
# Each case runs REPEAT times (default 3); the rounds alternate which mount goes first, and the
# figures are medians: MiB/s on FluffleFS, on passthrough_ll, their ratio (the median of the
# per-round ratios, so a load change between rounds cancels out), and the CPU time the serving
# daemon used per GiB moved (utime + stime from /proc, a load-independent cost). With BASE_ROOT
# the other build's FluffleFS is a third column (same image geometry, same rounds). Then
# bench/entropy-rounds.sh: entropy offloaded vs plain, alternating rounds (ENTROPY_ROUNDS=3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib/mounts.sh"
bench_args fuse-matrix.sh "$@"
if [ $quick = 1 ]; then
  FILES=${FILES:-"16m 128m"} REQS=${REQS:-"4k 128k 512k"} RWS=${RWS:-"write read"}
  REPEAT=${REPEAT:-1} ENTROPY_MIB=${ENTROPY_MIB:-128}
fi
FILES=${FILES:-"64k 1m 16m 128m 1g"}
REQS=${REQS:-"4k 16k 128k 512k"}
ENTROPY_MIB=${ENTROPY_MIB:-1024}
RWS=${RWS:-"write read randwrite randread"}
REPEAT=${REPEAT:-3}
BASE_ROOT=${BASE_ROOT:-}
bytes() { numfmt --from=iec "${1^^}"; }
max=0; for f in $FILES; do b=$(bytes "$f"); [ "$b" -gt "$max" ] && max=$b; done
[ $((ENTROPY_MIB << 20)) -gt "$max" ] && max=$((ENTROPY_MIB << 20))
mounts_start "$max"
work=$MOUNT_WORK fl=$FLUFFLE pt=$PASSTHROUGH backing=$MOUNT_WORK/backing bl=$MOUNT_WORK/base
targets="$fl $pt"
if [ -n "$BASE_ROOT" ]; then
  mkdir -p "$bl"; MOUNTS_EXTRA+=("$bl")
  zones=$(( max * 3 / (64 << 20) + 16 ))
  "$BASE_ROOT/bin/opencsd" zns create "$work/base.img" --zones "$zones" --zone-size 64M >/dev/null
  "$BASE_ROOT/bin/opencsd" mkfs "$work/base.img" >/dev/null
  "$BASE_ROOT/bin/opencsd" mount "$work/base.img" "$bl" --log "$work/base.log" >/dev/null
  targets="$targets $bl"
fi
# the process serving each mount point, for its CPU time
daemon() {
  case $1 in
    "$pt") pgrep -f "passthrough_ll -o source=$backing" | head -1 ;;
    "$fl") pgrep -f "mount -f.* $work/dev.img " | head -1 ;;
    *) pgrep -f "mount -f.* $work/base.img " | head -1 ;;
  esac
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# "MiB/s CPU-ms-per-GiB" of one fio job (psync, iodepth 1, as the original) on mount DIR
# A case moves at least 16 MiB: files smaller than that are run as 16 MiB / FILE_SIZE files of
# that size, one after the other (fio times in milliseconds: a single 1 MiB file took 3-5 ms, so
# its ratio could only be 0.75x, 1x or 1.33x); each file still pays its own create/open/close.
run_fio() {  # DIR RW FILE_SIZE REQ
  local out pid t0 t1 size n
  pid=$(daemon "$1")
  size=$(bytes "$3"); n=1
  [ "$size" -lt $((16 << 20)) ] && n=$(( (16 << 20) / size ))
  local files=(--name=m --directory="$1" --filename_format="f-$3.\$filenum" --nrfiles="$n" --filesize="$3"
               --size=$((size * n)) --file_service_type=sequential)
  # a read job's files are laid out first, outside the measured CPU time
  [ "${2#rand}" = read ] && fio "${files[@]}" --bs="$4" --create_only=1 >/dev/null 2>&1
  sync; echo 3 > /proc/sys/vm/drop_caches
  t0=$(cpu_ticks "$pid")
  out=$(fio "${files[@]}" --rw="$2" --bs="$4" --ioengine=psync --end_fsync=1 --output-format=json 2>/dev/null)
  t1=$(cpu_ticks "$pid")
  rm -f "$1/f-$3".*
  python3 -c 'import json,os,sys; j=json.load(sys.stdin)["jobs"][0][sys.argv[1]]; hz=os.sysconf("SC_CLK_TCK")
print("%.1f %.0f" % (j["bw_bytes"] / 1048576, (int(sys.argv[3]) - int(sys.argv[2])) * 1000 / hz / max(j["io_bytes"], 1) * 2**30))' \
    "$([ "${2#rand}" = read ] && echo read || echo write)" "$t0" "$t1" <<<"$out"
}
# warm-up, not measured: the FluffleFS daemons are JVMs whose first requests run before the JIT
# has compiled the request path (a cold 16 MiB write cost ~15 s of CPU per GiB). Every request
# size of the matrix, then 2,000 small files (create, write, fsync, release, unlink: the per-file
# path that the small-file cases measure; a create+close took 430-540 us after 600 files and
# 145 us after 3,000, passthrough_ll 123 us); both mounts get the same warm-up.
for t in $targets; do
  for wq in "write 4k" "write 128k" "write 512k" "read 4k" "read 128k" "read 512k" "randwrite 4k"; do
    fio --name=w --directory="$t" --filename=warm --rw="${wq% *}" --size=64m --bs="${wq#* }" --ioengine=psync \
        --end_fsync=1 >/dev/null 2>&1
  done
  rm -f "$t/warm"
  mkdir -p "$t/warm.d"
  fio --name=w --directory="$t/warm.d" --nrfiles=2000 --filesize=16k --rw=write --bs=16k --ioengine=psync \
      --fsync_on_close=1 --unlink=1 >/dev/null 2>&1
  rm -rf "$t/warm.d"
done
median() { python3 -c 'import statistics,sys; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
printf '%-10s %6s %5s %10s %10s %7s %9s %9s' workload file req "fluffle" "passthru" ratio "fl-cpu" "pt-cpu"
[ -n "$BASE_ROOT" ] && printf ' %10s %7s %9s' "base" "b-ratio" "b-cpu"
printf '   (MiB/s; ratio = median of per-round ratios; cpu = daemon CPU ms per GiB; %s rounds)\n' "$REPEAT"
rows=()
for rw in $RWS; do
  for f in $FILES; do
    for q in $REQS; do
      [ "$(bytes "$q")" -gt "$(bytes "$f")" ] && continue
      declare -A bw=() cpu=()
      ratios="" bratios=""
      for ((r = 0; r < REPEAT; r++)); do
        order=$targets; [ $((r % 2)) = 1 ] && order=$(tr ' ' '\n' <<<"$targets" | tac | tr '\n' ' ')
        declare -A now=()
        for t in $order; do
          read -r b c < <(run_fio "$t" "$rw" "$f" "$q")
          now[$t]=$b; bw[$t]="${bw[$t]:-} $b"; cpu[$t]="${cpu[$t]:-} $c"
        done
        ratios="$ratios $(python3 -c "print(${now[$fl]} / ${now[$pt]} if ${now[$pt]} else 0)")"
        [ -n "$BASE_ROOT" ] && bratios="$bratios $(python3 -c "print(${now[$bl]} / ${now[$pt]} if ${now[$pt]} else 0)")"
      done
      printf '%-10s %6s %5s %10s %10s %6sx %9s %9s' "$rw" "$f" "$q" "$(median ${bw[$fl]})" "$(median ${bw[$pt]})" \
        "$(median $ratios)" "$(median ${cpu[$fl]})" "$(median ${cpu[$pt]})"
      [ -n "$BASE_ROOT" ] && printf ' %10s %6sx %9s' "$(median ${bw[$bl]})" "$(median $bratios)" "$(median ${cpu[$bl]})"
      echo
      rows+=("$(json_row "$rw $f $q" "$(median ${bw[$fl]})" "$(median ${bw[$pt]})" "MiB/s")")
    done
  done
done

[ -z "$json" ] || write_rows "$json" "${rows[@]}"
[ "$ENTROPY_MIB" -gt 0 ] || exit 0
echo
echo "entropy of a $ENTROPY_MIB MiB file (random bytes), 512 KiB requests, bundled byte_histogram kernel:"
"$root/bench/entropy-rounds.sh" "$fl" "$ENTROPY_MIB" "${ENTROPY_ROUNDS:-3}"
