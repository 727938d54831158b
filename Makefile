# The two commands a newcomer needs: `make test` and `make demo`. Each does its own set-up.
SHELL := /bin/bash
JAVA_HOME := $(shell scripts/java-home.sh)
export JAVA_HOME
# Maven 3.8 runs on the JDK 25 above; this silences its Guava sun.misc.Unsafe warnings.
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
MVN := mvn -B -ntp
# command:package pairs installed with apt-get when missing (see scripts/ensure-packages.sh)
SYSTEM_PACKAGES := mvn:maven clang:clang clang-19:clang-19 llvm-objdump:llvm

.PHONY: all setup build test demo bench clean

all: build

setup:
	@test -n "$(JAVA_HOME)" || exit 1
	@scripts/ensure-packages.sh $(SYSTEM_PACKAGES)

build: setup
	$(MVN) -DskipTests package

test: setup
	$(MVN) verify

bench: build
	bench/run-jmh.sh

demo: build
	bin/opencsd demo

clean:
	$(MVN) -q clean
