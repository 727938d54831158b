#!/usr/bin/env bash
# Makes sure the system packages the build and the tests need are present.
# Usage: ensure-packages.sh COMMAND:PACKAGE ...   (e.g. mvn:maven clang:clang)
# A command already on PATH is taken as present; an absolute path instead of a command (for
# packages without one, e.g. headers: /usr/include/fuse3/fuse_lowlevel.h:libfuse3-dev) is taken
# as present when that file exists. As root, missing packages are installed with
# apt-get; otherwise the exact command to run is printed and the script exits 1.
set -eu
missing=()
for pair in "$@"; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  if [[ $cmd == /* ]]; then
    [ -e "$cmd" ] || missing+=("$pkg")
  else
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "opencsd: missing packages; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "opencsd: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
