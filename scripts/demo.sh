#!/usr/bin/env bash
# The demo of what is built so far: a zoned device image in a temporary folder, the original
# ZCSD demo (count the u32 values above RAND_MAX/2 in a zone) and a byte histogram run as
# kernels next to the data, then a picture of the zones. Cleans up on exit and on Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
opencsd="$root/bin/opencsd"
work=$(mktemp -d -t opencsd-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'echo; echo "demo interrupted"; exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
image="$work/dev.img"

step "A zoned device: 8 zones of 64 MiB, 4 KiB LBAs, at most 4 open zones"
"$opencsd" zns create "$image" --zones 8 --zone-size 64M --max-open 4 --max-active 6
step "Fill zone 1 with the ZCSD demo data (random u32 values, seed 42)"
"$opencsd" csd fill "$image" --zone 1 --seed 42
step "Count the values above RAND_MAX/2 on the device: only the count travels to the host"
"$opencsd" csd run "$image" --program zcsd_demo --zone 1 --engine jit
step "A byte histogram on the device: 1 KiB back instead of 64 MiB"
"$opencsd" csd run "$image" --program byte_histogram --zone 1 --engine jit
step "The zones after the run"
"$opencsd" zns report-zones "$image"
"$opencsd" zns map "$image" --output "$root/target/demo-zones.png"
echo "picture of the zones: target/demo-zones.png"
