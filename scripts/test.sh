#!/usr/bin/env bash
# Runs every test: the engine's JUnit tests, then the browser tests in headless Chromium
# against the built site (JS and WebAssembly builds). Installs what the tests need first:
# Chromium and ChromeDriver, Maven, and (test-only, pinned in tools/onnx-check, tools/tfjs-check and tools/a11y-check)
# ONNX Runtime and TensorFlow.js for Node, and axe-core.
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
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d tools/onnx-check/node_modules/onnxruntime-web ]; then
  echo "Installing ONNX Runtime (test-only) into tools/onnx-check..."
  (cd tools/onnx-check && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
if [ ! -d tools/tfjs-check/node_modules/@tensorflow/tfjs ]; then
  echo "Installing TensorFlow.js (test-only) into tools/tfjs-check..."
  (cd tools/tfjs-check && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi

if [ ! -d tools/a11y-check/node_modules/axe-core ]; then
  echo "Installing axe-core (test-only) into tools/a11y-check..."
  (cd tools/a11y-check && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi

mvn -B -ntp verify "$@"
