#!/usr/bin/env bash
# Compiles eBPF kernels written in C with clang -O2 -target bpf. Used by the Maven build
# (exec-maven-plugin); objects go to the build's target directory and are never committed.
#
#   kernels/compile.sh OUT_DIR SOURCE.c...            one object per source: OUT_DIR/NAME.o
#                                                     (clang-19 if present, else clang; -mcpu=v3)
#   kernels/compile.sh --matrix OUT_DIR SOURCE.c...   every available compiler (clang, clang-19)
#                                                     and CPU version (v1-v3, v4 with clang >= 18):
#                                                     OUT_DIR/NAME-clangMAJOR-vN.o
set -euo pipefail
matrix=0
if [ "${1:-}" = "--matrix" ]; then matrix=1; shift; fi
out=${1:?usage: compile.sh [--matrix] OUT_DIR SOURCE.c...}
shift
mkdir -p "$out"
compilers=()
for cc in clang clang-19; do command -v "$cc" >/dev/null 2>&1 && compilers+=("$cc"); done
if [ ${#compilers[@]} -eq 0 ]; then echo "compile.sh: no clang found (run 'make setup')" >&2; exit 1; fi
flags=(-O2 -g0 -target bpf -ffreestanding -Wall -Werror -Wno-main-return-type)
for src in "$@"; do
  name=$(basename "$src" .c)
  if [ $matrix -eq 0 ]; then
    cc=${compilers[-1]}
    "$cc" "${flags[@]}" -mcpu=v3 -c "$src" -o "$out/$name.o"
    continue
  fi
  for cc in "${compilers[@]}"; do
    major=$("$cc" -dumpversion | cut -d. -f1)
    cpus="v1 v2 v3"
    [ "$major" -ge 18 ] && cpus="$cpus v4"
    for cpu in $cpus; do
      "$cc" "${flags[@]}" -mcpu="$cpu" -c "$src" -o "$out/$name-clang$major-$cpu.o"
    done
  done
done
