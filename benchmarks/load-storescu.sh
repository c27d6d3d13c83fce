#!/usr/bin/env bash
# Load check of `nodulescope serve`: 20 synthetic chest CT studies sent concurrently by several storescu (dcmtk)
# processes over loopback. Reports instances/s received and studies/hour processed, and checks that nothing was lost
# (every instance acknowledged, recorded and counted in its study; every study processed once).
#   benchmarks/load-storescu.sh            (env: STUDIES=20 SENDERS=5 WORKERS=1 KEEP=1 to keep the temp folder)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="$ROOT/src/NoduleScope.Cli/bin/Release/net10.0/nodulescope.dll"
STUDIES="${STUDIES:-20}"
SENDERS="${SENDERS:-5}"
WORKERS="${WORKERS:-1}"
say() { printf 'load-storescu: %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1 || { say "$1 is missing (apt-get install $2)"; exit 1; }; }
need storescu dcmtk
need dcmodify dcmtk
need curl curl
[[ -f "$CLI" ]] || { say "building the CLI ..."; dotnet build "$ROOT/src/NoduleScope.Cli" -c Release -nologo -v quiet >/dev/null; }

free_port() {
    local p
    while :; do
        p=$(( 20000 + RANDOM % 40000 ))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
# A random 2.25 UID (UUID-derived form of PS3.5 B.2): digits only, no leading zero.
new_uid() { printf '2.25.%d%09d%09d%09d' $(( RANDOM % 9 + 1 )) $(( RANDOM * RANDOM % 1000000000 )) $(( RANDOM * RANDOM % 1000000000 )) $(( RANDOM * RANDOM % 1000000000 )); }
now() { date +%s.%N; }
metric() { curl -sf "$URL/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }

WORK="$(mktemp -d /tmp/nodulescope-load-XXXXXX)"
SERVICE_PID=""
cleanup() {
    [[ -n "$SERVICE_PID" ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
    if [[ "${KEEP:-0}" == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

say "writing the phantom and $STUDIES studies with their own UIDs ..."
dotnet "$CLI" demo -o "$WORK/demo" >"$WORK/demo.log"
for i in $(seq 1 "$STUDIES"); do
    mkdir -p "$WORK/studies/$i"
    cp "$WORK/demo/dicom/"*.dcm "$WORK/studies/$i/"
    dcmodify -nb -gin -m "(0020,000D)=$(new_uid)" -m "(0020,000E)=$(new_uid)" -m "(0010,0020)=LOAD-$i" "$WORK/studies/$i/"*.dcm
done
PER_STUDY=$(ls "$WORK/studies/1" | wc -l)
TOTAL=$(( PER_STUDY * STUDIES ))
BYTES=$(du -sb "$WORK/studies" | cut -f1)

DICOM_PORT=$(free_port)
HTTP_PORT=$(free_port)
URL="http://127.0.0.1:$HTTP_PORT"
cat >"$WORK/service.json" <<JSON
{
  "storage": { "root": "store", "minimumFreeBytes": 1073741824 },
  "dicom": { "aeTitle": "NODULESCOPE", "bindAddress": "127.0.0.1", "port": $DICOM_PORT, "maxAssociations": 32, "allowedPeers": [ "LOADSCU@127.0.0.1" ] },
  "studies": { "closeAfterSeconds": 5, "checkIntervalSeconds": 1 },
  "workers": { "count": $WORKERS },
  "processing": { "outputs": "sr,seg" },
  "http": { "urls": [ "$URL" ] },
  "allowRunningAsRoot": true
}
JSON
dotnet "$CLI" serve --config "$WORK/service.json" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 300); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
curl -sf "$URL/health" >/dev/null || { cat "$WORK/service.log" >&2; say "the service did not start"; exit 1; }

say "sending $STUDIES studies ($TOTAL instances, $(( BYTES / 1048576 )) MiB) from $SENDERS concurrent storescu processes ..."
START=$(now)
seq 1 "$STUDIES" | xargs -P "$SENDERS" -I{} sh -c \
    'storescu -v -aet LOADSCU -aec NODULESCOPE 127.0.0.1 '"$DICOM_PORT"' "$1"/*.dcm >"$1.log" 2>&1 || echo "storescu failed for study $1" >&2' _ "$WORK/studies/{}"
RECEIVED=$(now)
ACKED=$(cat "$WORK"/studies/*.log | grep -c 'Received Store Response (Success)' || true)

for _ in $(seq 1 7200); do
    done_jobs=$(metric 'nodulescope_jobs{state="done"}'); failed=$(( $(metric 'nodulescope_jobs{state="failed"}') + $(metric 'nodulescope_jobs{state="dead_letter"}') ))
    [[ "${done_jobs:-0}" -ge "$STUDIES" || "$failed" -gt 0 ]] && break
    sleep 0.5
done
FINISHED=$(now)

STORED=$(metric nodulescope_instances_stored)
DONE=$(metric 'nodulescope_jobs{state="done"}')
PROCESSING_SECONDS=$(metric nodulescope_job_processing_seconds_total)
COMPLETE=$(curl -sf "$URL/api/studies?limit=1000" | grep -o "\"instanceCount\":$PER_STUDY,\"revision\":1," | wc -l)
JOBS=$(curl -sf "$URL/api/jobs?limit=1000" | grep -o '"state":"' | wc -l)

awk -v s="$STUDIES" -v n="$TOTAL" -v b="$BYTES" -v t0="$START" -v t1="$RECEIVED" -v t2="$FINISHED" -v p="$PROCESSING_SECONDS" -v w="$WORKERS" 'BEGIN {
    recv = t1 - t0; all = t2 - t0
    printf "received %d instances (%.0f MiB) in %.1f s: %.0f instances/s, %.1f MiB/s\n", n, b / 1048576, recv, n / recv, b / 1048576 / recv
    printf "processed %d studies in %.1f s from the first instance: %.0f studies/hour end to end (%d worker(s); %.1f s of processing per study)\n", s, all, s * 3600 / all, w, p / s
}'
echo "acknowledged $ACKED of $TOTAL instances; recorded $STORED; studies complete $COMPLETE of $STUDIES; jobs $JOBS, done $DONE"
if [[ "$ACKED" -ne "$TOTAL" || "$STORED" -ne "$TOTAL" || "$COMPLETE" -ne "$STUDIES" || "$DONE" -ne "$STUDIES" || "$JOBS" -ne "$STUDIES" ]]; then
    say "LOST OR UNPROCESSED DATA (see $WORK/service.log)"; KEEP=1; exit 1
fi
echo "nothing lost: every instance acknowledged and recorded, every study processed exactly once"
