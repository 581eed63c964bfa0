#!/usr/bin/env bash
# A newcomer's first runs: every built-in data set picked cold in headless Chromium (its name alone
# in the URL, so its recommended setup, at the studio's pace) and played; the test accuracy (R² for
# a regression) and epochs 10 s and 30 s after the first trained batch, and how the run ended, as a
# Markdown table (the README's). Arguments: [--backend=wasm|js] [--seconds=10,30] [sets...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -pl web exec:java -Dexec.mainClass=studio.backprop.web.DefaultsCommand -Dexec.classpathScope=test \
  -Dsite.dir=web/target/site -Dexec.args="$*"
