#!/usr/bin/env bash
# make bench / make bench-quick: the mount benchmarks (fio matrix and db_bench against
# passthrough_ll, as root), then the JMH and GC benchmarks and the report, all into bench/results/.
#   bench/all.sh [--quick]
# Results of an earlier run's mount benchmarks are removed first, so the report never mixes runs;
# without root the mount benchmarks are skipped with one line and the report says they are missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=()
case ${1:-} in
  --quick) quick=(--quick) ;;
  "") ;;
  *) echo "all.sh: unknown argument '$1' (use --quick)" >&2; exit 2 ;;
esac
results=$root/bench/results
mkdir -p "$results"
rm -f "$results/fio.json" "$results/db_bench.json"
if [ "$(id -u)" = 0 ]; then
  "$root/bench/fuse-matrix.sh" "${quick[@]}" --json "$results/fio.json"
  "$root/bench/db-bench.sh" "${quick[@]}" --json "$results/db_bench.json"
else
  echo "bench: not root, so the mount benchmarks (fio, db_bench) are skipped" >&2
fi
exec "$root/bench/report.sh" "${quick[@]}"
