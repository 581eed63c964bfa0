#!/usr/bin/env bash
# Frames over 50 ms from page load until training runs, in both builds (headless Chromium):
# each one's start, length and what ran in it, and the time to the first trained batch.
# Arguments: [--runs=3] [--backend=js|wasm] [--hash=data=mnist&play=1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.LoadCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
