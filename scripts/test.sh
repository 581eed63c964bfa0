#!/usr/bin/env bash
# Runs every test: the engine's JUnit tests, then the browser tests in headless Chromium
# against the built site (JS and WebAssembly builds). Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing Chromium and ChromeDriver for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v mvn >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi

mvn -B -ntp verify "$@"
