# The two commands a newcomer needs: `make test` and `make demo`. Each does its own set-up.
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/java-home.sh)
export JAVA_HOME
# Maven 3.8 runs on the JDK 25 above; this silences its Guava sun.misc.Unsafe warnings.
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
MVN := mvn -B -ntp
# command:package pairs installed with apt-get when missing (see scripts/ensure-packages.sh)
SYSTEM_PACKAGES := mvn:maven python3:python3 clang:clang clang-19:clang-19 llvm-objdump:llvm \
	fusermount3:fuse3 /usr/include/fuse3/fuse_lowlevel.h:libfuse3-dev pkg-config:pkg-config \
	gcc:gcc setfattr:attr fio:fio db_bench:rocksdb-tools

.PHONY: all setup build test demo bench bench-quick bench-jmh coverage docs completion clean

all: build

setup:
	@test -n "$(JAVA_HOME)" || exit 1
	@scripts/ensure-packages.sh $(SYSTEM_PACKAGES)

build: setup
	$(MVN) -DskipTests package

test: setup
	$(MVN) verify

# Benchmark report: bench/results/REPORT.md with charts, CSV and JSON (docs/bench.md); as root
# it includes the mount benchmarks (fio matrix and db_bench against passthrough_ll).
bench: build
	bench/all.sh

# The same report from short runs: minutes on 2 cores.
bench-quick: build
	bench/all.sh --quick

# Every JMH benchmark, raw JSON only (bench/results/jmh-DATE.json).
bench-jmh: build
	bench/run-jmh.sh

# bin/opencsd demo: mkfs, mount, entropy read vs offloaded, ZCSD host vs device, a table (about 15 s).
demo: build
	bin/opencsd demo --map target/demo-zones.png

# JaCoCo HTML reports: <module>/target/site/jacoco/index.html
coverage: setup
	$(MVN) -Pcoverage verify
	@ls -1 */target/site/jacoco/index.html

# Javadoc of all modules: target/reports/apidocs/index.html
docs: setup
	$(MVN) -q -DskipTests package javadoc:aggregate
	@echo "Javadoc: target/reports/apidocs/index.html"

# Bash/zsh completion script generated from the command-line definition.
completion: build
	mkdir -p target && bin/opencsd generate-completion > target/opencsd-completion.bash
	@echo "Completion: source target/opencsd-completion.bash"

clean:
	$(MVN) -q clean
