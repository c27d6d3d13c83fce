#!/usr/bin/env bash
# Loads a DICOM CT series into an HU volume and writes uncompressed NIfTI, with NoduleScope and with dcm2niix (the
# peer), alternating runs on the same machine, and prints wall time and peak memory of each and their ratios.
# Target (issue: read any chest CT): NoduleScope ≤ 0.5 × dcm2niix wall time; peak RSS ≤ 2 × the volume's size.
# Usage: benchmarks/convert-vs-dcm2niix.sh [SERIES_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
series="${1:-../shared/data/ct/ricord-1a-419639/dicom}"
runs="${2:-5}"
[ -d "$series" ] || { echo "series folder $series not found (needs ../shared/data)"; exit 2; }
command -v dcm2niix >/dev/null || { echo "dcm2niix not installed (apt-get install dcm2niix)"; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not installed (apt-get install time)"; exit 2; }

dotnet build src/NoduleScope.Cli -c Release -nologo -v q >/dev/null
cli="src/NoduleScope.Cli/bin/Release/net10.0/nodulescope.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Warm the page cache so both tools read the files from memory.
cat "$series"/* >/dev/null

measure() { # prints "seconds kilobytes"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
  cat "$work/time"
}

ours=(); peer=(); ours_kb=(); peer_kb=()
for i in $(seq "$runs"); do
  rm -rf "$work/out" && mkdir "$work/out"
  read -r s kb < <(measure dcm2niix -z n -b n -f peer -o "$work/out" "$series")
  peer+=("$s"); peer_kb+=("$kb")
  read -r s kb < <(measure dotnet "$cli" convert "$series" -o "$work/out/ours.nii")
  ours+=("$s"); ours_kb+=("$kb")
done

volume_bytes=$(( $(stat -c %s "$work/out/ours.nii") - 352 ))
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mp=$(median "${peer[@]}")
ko=$(median "${ours_kb[@]}"); kp=$(median "${peer_kb[@]}")
echo "series:            $series ($(ls "$series" | wc -l) files), $runs runs each, $(nproc) cores"
echo "dcm2niix wall:     ${peer[*]} s (median $mp s), peak RSS median $((kp / 1024)) MB"
echo "nodulescope wall:  ${ours[*]} s (median $mo s), peak RSS median $((ko / 1024)) MB"
echo "volume size:       $((volume_bytes / 1048576)) MB"
awk -v o="$mo" -v p="$mp" -v k="$ko" -v v="$volume_bytes" 'BEGIN {
  printf "time ratio:        %.2f (nodulescope / dcm2niix; target <= 0.50)\n", o / p
  printf "memory ratio:      %.2f (nodulescope peak RSS / volume size; target <= 2.00)\n", k * 1024 / v }'
