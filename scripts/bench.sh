#!/usr/bin/env bash
# Training throughput on the JVM, in the JS build and in the Wasm build (headless Chromium),
# interleaved, medians and ratios. Arguments: [--seconds=3] [--runs=3] [--workers=N [--timeline]]
# [--peers] [playground digits mnist wide convnet]. --peers also runs brain.js, ConvNetJS, TF.js (wasm)
# and hand-written JavaScript in the same browser (tools/peers; installed here with npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --peers "* && ! -d tools/peers/node_modules ]]; then (cd tools/peers && npm ci --ignore-scripts --no-audit --no-fund); fi
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.BenchCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
