#!/usr/bin/env bash
# Fuzzes one target of fuzz/NoduleScope.Fuzz with afl-fuzz (afl++) for a number of minutes.
#   fuzz/run.sh TARGET MINUTES      e.g. fuzz/run.sh dicom-reader 30
#   fuzz/run.sh list                the targets
# Needs afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz instrumenter, a dotnet tool restored from
# fuzz/dotnet-tools.json (SharpFuzz.CommandLine). Seeds: small generated files plus ../shared/dicom-corpus
# (or $NODULESCOPE_SHARED/dicom-corpus) when present. Output: fuzz/findings/TARGET/<time>/ (afl's folder); the last
# line printed is a row for the fuzzing table of docs/security.md. Replay a crash with
#   dotnet fuzz/.build/TARGET/bin/NoduleScope.Fuzz.dll replay TARGET FILE
# FUZZ_BUILD_FROM=DIR copies an already built program from DIR instead of building (several runs at once must not
# build the same projects concurrently).
set -euo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$FUZZ_DIR")"
PROJECT="$FUZZ_DIR/NoduleScope.Fuzz/NoduleScope.Fuzz.csproj"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf 'fuzz/run.sh: %s\n' "$*" >&2; }

if [[ "${1:-}" == "list" ]]; then
    dotnet run --project "$PROJECT" -c Release -- list
    exit 0
fi

if (( $# != 2 )) || ! [[ "$2" =~ ^[0-9]+$ ]] || (( $2 < 1 )); then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi

TARGET="$1"
MINUTES="$2"
command -v afl-fuzz >/dev/null 2>&1 || { say "afl-fuzz not found (Debian: apt-get install afl++)"; exit 1; }

BUILD="$FUZZ_DIR/.build/$TARGET"
BIN="$BUILD/bin"
rm -rf "$BUILD"
mkdir -p "$BUILD"

if [[ -n "${FUZZ_BUILD_FROM:-}" ]]; then
    say "copying the program from $FUZZ_BUILD_FROM"
    cp -r "$FUZZ_BUILD_FROM" "$BIN"
else
    say "building into $BIN"
    dotnet build "$PROJECT" -c Release -o "$BIN" -nologo -v quiet -tl:off >"$BUILD/build.log" 2>&1 || { cat "$BUILD/build.log" >&2; exit 1; }
fi
targets="$(dotnet "$BIN/NoduleScope.Fuzz.dll" list | cut -f1)"
if ! grep -qx -- "$TARGET" <<<"$targets"; then
    say "unknown target '$TARGET'; one of: $(tr '\n' ' ' <<<"$targets")"
    exit 2
fi

SHARED="${NODULESCOPE_SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/dicom-corpus"
[[ -d "$CORPUS" ]] || { say "no corpus at $CORPUS: generated seeds only"; CORPUS=""; }
dotnet "$BIN/NoduleScope.Fuzz.dll" seeds "$TARGET" "$BUILD/seeds" ${CORPUS:+"$CORPUS"} >&2

# Instrumented code only runs under afl-fuzz (it writes to afl's coverage map), so seeds come first.
(cd "$FUZZ_DIR" && dotnet tool restore >/dev/null)
for assembly in $(dotnet "$BIN/NoduleScope.Fuzz.dll" instrumented "$TARGET"); do
    say "instrumenting $assembly"
    (cd "$FUZZ_DIR" && dotnet tool run sharpfuzz "$BIN/$assembly" >/dev/null)
done

FINDINGS="$FUZZ_DIR/findings/$TARGET/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$FINDINGS"
# SharpFuzz runs the target under dotnet, which afl cannot check for instrumentation; the machine is shared, so no
# CPU binding and no governor check; crashes are .NET exceptions, not core dumps.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
say "fuzzing $TARGET for $MINUTES minute(s) into $FINDINGS"
afl-fuzz -i "$BUILD/seeds" -o "$FINDINGS" -t 10000 -m none -V $(( MINUTES * 60 )) -- dotnet "$BIN/NoduleScope.Fuzz.dll" "$TARGET" >"$FINDINGS/afl.log" 2>&1 || {
    status=$?
    tail -n 30 "$FINDINGS/afl.log" >&2
    say "afl-fuzz exited with status $status"
    exit "$status"
}

STATS="$FINDINGS/default/fuzzer_stats"
stat() { awk -F' *: *' -v key="$1" '$1 == key { print $2 }' "$STATS"; }
crashes="$(find "$FINDINGS/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)"
hangs="$(find "$FINDINGS/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)"
if (( crashes > 0 )); then
    say "$crashes crash input(s) in $FINDINGS/default/crashes; replay: dotnet $BIN/NoduleScope.Fuzz.dll replay $TARGET FILE"
fi

# | target | date | minutes | executions | execs/s | corpus | crashes | hangs |
printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$TARGET" "$(date -u +%Y-%m-%d)" "$MINUTES" "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat corpus_count)" "$crashes" "$hangs"
