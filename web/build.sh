#!/usr/bin/env bash
# Builds the review page (web/dist: index.html, review.css, review.js with Cornerstone3D bundled) that `nodulescope review` serves.
# Needs node and npm; installs the pinned dev dependencies (package-lock.json) into web/node_modules when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1; then
    echo "web/build.sh: npm is not installed; the review page is not built" >&2
    exit 1
fi
if [[ ! -x node_modules/.bin/esbuild || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf dist
mkdir -p dist
node_modules/.bin/tsc --noEmit -p tsconfig.json
# Node built-ins that vtk.js's (unused) XML reader imports: "events" from its browser package, "url" from src/node-builtins.
node_modules/.bin/esbuild src/main.ts --bundle --minify --sourcemap --target=es2020 --log-level=warning \
    --alias:url=./src/node-builtins/url.ts --outfile=dist/review.js
cp static/index.html static/review.css dist/
