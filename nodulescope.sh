#!/usr/bin/env bash
# NoduleScope helper for a fresh Debian 12 machine.
#   ./nodulescope.sh setup        install system packages (apt, skipped when present) and build Release
#   ./nodulescope.sh demo [-o D]  setup, then run `nodulescope demo` (synthetic phantom, no data needed)
#   ./nodulescope.sh test         setup, run every test project, end with "N passed, N failed[, N skipped]"
#   ./nodulescope.sh ARGS...      run the CLI, e.g. ./nodulescope.sh info /path/to/dicom
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

SOLUTION="NoduleScope.slnx"
CONFIGURATION="Release"
CLI_DLL="src/NoduleScope.Cli/bin/$CONFIGURATION/net10.0/nodulescope.dll"
# Touched after each successful build; sources newer than it mean the CLI must be rebuilt.
BUILD_STAMP="src/NoduleScope.Cli/bin/$CONFIGURATION/.nodulescope-build-stamp"
APT_PACKAGES=(libopenjp2-7 libcharls2 dcm2niix dcmtk libfontconfig1 time fonts-dejavu-core dicom3tools poppler-utils chromium orthanc postgresql)
REQUIRED_DOTNET_MAJOR=10

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf 'nodulescope.sh: %s\n' "$*" >&2; }

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
}

check_dotnet() {
    local version
    if ! version="$(dotnet --version 2>/dev/null)"; then
        say "the .NET $REQUIRED_DOTNET_MAJOR SDK is not installed (no 'dotnet' on PATH)."
        say "install it, then run this again, e.g. on Debian 12:"
        say "  wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb && sudo dpkg -i packages-microsoft-prod.deb"
        say "  sudo apt-get update && sudo apt-get install -y dotnet-sdk-$REQUIRED_DOTNET_MAJOR.0"
        say "or see https://learn.microsoft.com/dotnet/core/install/linux-debian"
        exit 1
    fi
    if (( ${version%%.*} < REQUIRED_DOTNET_MAJOR )); then
        say ".NET SDK $version found, but NoduleScope needs .NET $REQUIRED_DOTNET_MAJOR or newer (install dotnet-sdk-$REQUIRED_DOTNET_MAJOR.0)."
        exit 1
    fi
}

install_apt_packages() {
    local missing=() package
    for package in "${APT_PACKAGES[@]}"; do
        dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$package")
    done
    if (( ${#missing[@]} == 0 )); then
        return 0
    fi

    local sudo=()
    if (( EUID != 0 )); then
        if ! command -v sudo >/dev/null 2>&1; then
            say "missing packages: ${missing[*]}; run as root or install sudo (apt-get install -y ${missing[*]})."
            exit 1
        fi
        sudo=(sudo)
    fi

    say "installing ${missing[*]} ..."
    local log
    log="$(mktemp)"
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        say "apt-get failed while installing ${missing[*]}."
        exit 1
    fi
    rm -f "$log"
}

build() {
    say "building $SOLUTION ($CONFIGURATION) ..."
    local log
    log="$(mktemp)"
    # Build output goes to a log so that stdout carries only the CLI's own output (e.g. info --json).
    if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly -tl:off >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        say "build failed."
        exit 1
    fi
    rm -f "$log"
    touch "$BUILD_STAMP"
}

# The review page (web/dist) needs node and npm; without them `nodulescope review` says how to build it.
build_web() {
    if command -v npm >/dev/null 2>&1; then
        say "building the review page (web/build.sh) ..."
        web/build.sh || say "web/build.sh failed: the review page is not available."
    fi
}

setup() {
    check_dotnet
    install_apt_packages
    build
    build_web
}

# True when the CLI must be (re)built: never built, or a source or project file is newer than the last build.
cli_is_stale() {
    [[ ! -f "$CLI_DLL" || ! -f "$BUILD_STAMP" ]] && return 0
    [[ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$BUILD_STAMP" \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit 2>/dev/null)" ]]
}

run_cli() {
    if cli_is_stale; then
        check_dotnet
        build
    fi
    exec dotnet "$CLI_DLL" "$@"
}

run_tests() {
    setup
    local log status=0
    log="$(mktemp)"
    dotnet test "$SOLUTION" -c "$CONFIGURATION" --no-build -nologo -tl:off 2>&1 | tee "$log" || status=$?

    # Each test project prints one summary line:
    #   Passed!  - Failed:     0, Passed:    12, Skipped:     1, Total:    13, Duration: ...
    local totals
    totals="$(awk '
        /^(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
            line = $0
            gsub(/[^0-9,]/, " ", line)
            split(line, fields, ",")
            failed += fields[1]; passed += fields[2]; skipped += fields[3]; projects++
        }
        /No test is available in / { projects++ }
        END { printf "%d %d %d %d", passed, failed, skipped, projects }' "$log")"
    rm -f "$log"

    local passed failed skipped projects expected
    read -r passed failed skipped projects <<<"$totals"
    expected="$(grep -c '\.Tests\.csproj"' "$SOLUTION" || true)"
    if (( projects < expected )); then
        say "only $projects of $expected test projects reported results (did a test host crash? see above)."
        (( status == 0 )) && status=1
    fi
    if (( status != 0 && failed == 0 )); then
        say "dotnet test exited with status $status."
    fi

    local summary="$passed passed, $failed failed"
    (( skipped > 0 )) && summary+=", $skipped skipped"
    echo "$summary"
    if (( failed > 0 )); then
        return 1
    fi
    return "$status"
}

command="${1:-}"
case "$command" in
    setup)
        setup
        say "ready: run ./nodulescope.sh demo, ./nodulescope.sh test or ./nodulescope.sh info <path>"
        ;;
    demo)
        shift
        check_dotnet
        install_apt_packages
        if cli_is_stale; then
            build
        fi
        exec dotnet "$CLI_DLL" demo "$@"
        ;;
    test)
        run_tests
        ;;
    "")
        usage
        exit 2
        ;;
    help | -h | --help)
        usage
        echo
        run_cli --help
        ;;
    *)
        run_cli "$@"
        ;;
esac
