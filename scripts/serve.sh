#!/usr/bin/env bash
# Builds the site and serves it on http://localhost:8080 (another port: --port=N;
# a sub-path: --prefix=/some/path/). Ctrl+C stops.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q package -DskipTests
exec java -cp web/target/classes studio.backprop.web.server.Serve "$@" web/target/site
