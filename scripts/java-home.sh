#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer, the one this project builds and runs with.
# Honours JAVA_HOME when it points at 25+; otherwise looks under /usr/lib/jvm and /opt.
# Exits 1 with one line on stderr when none is found.
set -u

feature_version() { # $1 = a JDK home; prints its feature version (e.g. 25) or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] || return 0
  if [ -r "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

if [ -n "${JAVA_HOME:-}" ]; then
  v=$(feature_version "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; exit 0; fi
fi
for home in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
  [ -d "$home" ] || continue
  v=$(feature_version "$home")
  if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$home"; exit 0; fi
done
echo "opencsd: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}); install one (e.g. Temurin 25) or point JAVA_HOME at it" >&2
exit 1
