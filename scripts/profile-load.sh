#!/usr/bin/env bash
# Where the page thread's time goes while the studio loads (Chromium's sampling profiler), as a
# first visit and as a return: self time per function for the first seconds, the top ones.
# Arguments: [--backend=js|wasm] [--hash=play=1&seed=2] [--ms=3000] [--top=25]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.ProfileCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
