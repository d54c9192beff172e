#!/usr/bin/env bash
# One command on a fresh Linux machine: Node 22 if missing, dependencies, build, then the
# desktop app (Electron downloads its runtime on first start). Where no display or no Electron
# runtime can be had, use `npm run web` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
npm ci --no-audit --no-fund --loglevel=error
npm start
