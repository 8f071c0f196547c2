#!/usr/bin/env bash
# SQLite vs PostgreSQL in the same run: ingest throughput (one node, and
# two nodes writing one PostgreSQL store at once), search latency, and the
# change-log delay from a document stored on node A to a search on node B
# finding it (p50/p99). Starts a throwaway PostgreSQL (.ci/postgres) unless
# VANBAN_TEST_POSTGRES names one; each run uses a fresh database.
#
#   bench/stores.sh               # 200 files per back end, fake extraction
#   N=500 REAL=1 bench/stores.sh  # the real extractor
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
started=
if [ -z "${VANBAN_TEST_POSTGRES:-}" ]; then
  eval "$(bash .ci/postgres start)"
  started=1
fi
cleanup() { [ -n "$started" ] && bash .ci/postgres stop; true; }
trap cleanup EXIT
db="bench_$$"
base=${VANBAN_TEST_POSTGRES%%\?*}
psql "$VANBAN_TEST_POSTGRES" -qc "CREATE DATABASE $db"
target="${base%/*}/$db?sslmode=disable"
go run ./bench/stores -pg "$target" -n "$N" ${REAL:+-real}
psql "$VANBAN_TEST_POSTGRES" -qc "DROP DATABASE $db"
