#!/usr/bin/env bash
# Bench the watched folder: a burst of N distinct documents (default 1000)
# dropped into a folder that `vanban watch` watches — written at once,
# slowly in chunks, renamed into place, into new subfolders, with bad and
# temporary files among them. Prints files/second, the time from a file's
# close to its rows being in the store (p50, p99, max) and the watcher's
# resident memory by quarter of the burst (flat = it does not grow with
# the number of files).
#
#   bench/watch.sh                 # 1000 files, as fast as they can be written
#   N=200 RATE=20 bench/watch.sh   # 200 files arriving at 20 a second
#
# Environment: N, RATE (files/s, 0 = burst), SETTLE (watcher settling
# delay, default 1s), WORKERS (default: CPUs), VANBAN (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
RATE=${RATE:-0}
SETTLE=${SETTLE:-1s}
WORKERS=${WORKERS:-$(nproc)}

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

vanban=${VANBAN:-}
if [ -z "$vanban" ]; then
  vanban="$work/vanban"
  go build -o "$vanban" ./cmd/vanban
fi
go build -o "$work/burst" ./bench/burst

mkdir -p "$work/in"
"$vanban" watch --data "$work/data" --settle "$SETTLE" --workers "$WORKERS" --json "$work/in" \
  >"$work/events.jsonl" 2>"$work/watch.err" &
pid=$!
sleep 1 # let it start watching

echo "burst of $N files (rate ${RATE}/s), settle $SETTLE, $WORKERS workers, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/burst" --dir "$work/in" --data "$work/data" --n "$N" --rate "$RATE" --pid "$pid"

kill -TERM "$pid"
wait "$pid" || { echo "watcher exited with $?"; cat "$work/watch.err"; exit 1; }
pid=
echo "watcher stopped cleanly; $(grep -c '"kind":"done"' "$work/events.jsonl") files handled"
