#!/usr/bin/env bash
# RocksDB's db_bench (Debian rocksdb-tools) on a FluffleFS mount vs libfuse's passthrough_ll over a
# folder on the same disk: fillseq, fillrandom, overwrite, readrandom, ops/s per target and the
# ratio. Not a timed test. After one unmeasured warm-up run on each mount, rounds alternate the two
# targets; each figure is the median of the rounds.
#
#   bench/db-bench.sh [--quick] [--json FILE]
#
# --quick: fewer keys and one round (about a minute). --json: also write the rows for the report
# (bench/results/db_bench.json, format in docs/bench.md). NUM=, VALUE_SIZE=, ROUNDS= override.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib/mounts.sh"
bench_args db-bench.sh "$@"
NUM=${NUM:-$([ $quick = 1 ] && echo 50000 || echo 300000)}
VALUE_SIZE=${VALUE_SIZE:-400}
ROUNDS=${ROUNDS:-$([ $quick = 1 ] && echo 1 || echo 3)}
BENCHMARKS="fillseq fillrandom overwrite readrandom"
command -v db_bench >/dev/null || { echo "db_bench is not installed (Debian rocksdb-tools); run make setup" >&2; exit 1; }
mounts_start $(( NUM * VALUE_SIZE * 8 ))

# ops/s of each benchmark, one line "NAME OPS" each, on a fresh database in DIR
run_db_bench() {
  rm -rf "$1/db"
  drop_caches
  db_bench --db="$1/db" --benchmarks="$(tr ' ' , <<<"$BENCHMARKS")" --num="$NUM" --value_size="$VALUE_SIZE" \
    --use_existing_db=0 --sync=0 --statistics=0 --threads=1 --compression_type=none 2>&1 |
    awk '$2 == ":" && $0 ~ /ops\/sec/ { for (i = 1; i <= NF; i++) if ($(i + 1) ~ /^ops\/sec;?$/) print $1, $i }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# warm-up, not measured: the FluffleFS daemon is a JVM whose request path is interpreted until
# HotSpot compiles it (a cold daemon ran fillseq several times slower); the same run for both
for target in "$FLUFFLE" "$PASSTHROUGH"; do run_db_bench "$target" >/dev/null; done

results=$MOUNT_WORK/results
for round in $(seq "$ROUNDS"); do
  for target in fluffle passthrough; do
    dir=$([ $target = fluffle ] && echo "$FLUFFLE" || echo "$PASSTHROUGH")
    run_db_bench "$dir" | sed "s/^/$target /" >> "$results"
  done
done

echo "db_bench, $NUM keys of $VALUE_SIZE bytes, $ROUNDS round(s), median ops/s:"
printf '%-11s %12s %12s %7s\n' benchmark FluffleFS passthru ratio
rows=()
for b in $BENCHMARKS; do
  a=$(awk -v b="$b" '$1 == "fluffle" && $2 == b { print $3 }' "$results" | median)
  p=$(awk -v b="$b" '$1 == "passthrough" && $2 == b { print $3 }' "$results" | median)
  [ -n "$a" ] && [ -n "$p" ] || { echo "db_bench printed no figure for $b (see above)" >&2; exit 1; }
  printf '%-11s %12s %12s %6.2fx\n' "$b" "$a" "$p" "$(awk -v a="$a" -v p="$p" 'BEGIN { print p ? a / p : 0 }')"
  rows+=("$(json_row "$b" "$a" "$p" "ops/s")")
done
[ -z "$json" ] || write_rows "$json" "${rows[@]}"
