#!/usr/bin/env bash
# Training throughput on the JVM, in the JS build and in the Wasm build (headless Chromium),
# interleaved, medians and ratios. Arguments: [--seconds=3] [--runs=3] [playground digits mnist wide]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.BenchCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
