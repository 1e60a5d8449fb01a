#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: system packages, then npm ci (no downloads at install time
# beyond the npm registry: npm runs no dependency install scripts unless allowScripts allows them, so
# onnxruntime-node downloads no CUDA files; Chromium comes from apt).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian's full ffmpeg builds derived test/bench media (hstack, rotation, VFR); analysis uses Remotion's bundled one.
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
# `batch --queue` tests and benches start their own throwaway Redis.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Older npm (< 11.19) runs install scripts: the env var makes onnxruntime-node skip its CUDA download there too.
ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
