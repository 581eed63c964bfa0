#!/usr/bin/env bash
# The studio's load in both builds (headless Chromium), as a first visit and as a return: the
# first paint, the first trained batch, the longest gap between frames from the first paint until
# the 30th epoch, the page thread's longest task, and every frame over 50 ms with what ran in it;
# medians and worst cases, and what falls short of the 50 ms budget.
# Arguments: [--runs=3] [--backend=js|wasm] [--hash=data=mnist&play=1] [--throttle=4]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.LoadCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
