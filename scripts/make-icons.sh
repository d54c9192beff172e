#!/usr/bin/env bash
# Regenerates the raster icons electron-builder needs from assets/icon.svg.
# Needs Debian's librsvg2-bin and imagemagick (not needed by tests or CI: the outputs are committed).
set -euo pipefail
cd "$(dirname "$0")/../assets"
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/512x512.png icon.png
/usr/bin/convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
