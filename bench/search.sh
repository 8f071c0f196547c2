#!/bin/sh
# Search benchmark: builds a vanban index of 100,000 generated task rows
# (VANBAN_BENCH_ROWS to change), measures build time, size on disk, the
# memory of a serving process and query latency and CPU time (p50/p99)
# for word, phrase, folded, filtered, faceted, unit and period queries,
# then runs the same rows and queries on SQLite FTS5 and prints the
# ratios; then the query mix from 1 and 8 concurrent clients (latency
# and searches per second, each query with facets as the web asks).
#
# go-sqlite3 compiles FTS5 only with the sqlite_fts5 build tag, so the
# comparison lives in a file with that tag; normal tests do not need it.
#
#   bench/search.sh                 # 100k rows, 20 passes of the query mix
#   VANBAN_BENCH_ROWS=20000 bench/search.sh
set -eu
cd "$(dirname "$0")/.."
passes=${VANBAN_BENCH_PASSES:-20}
# Latencies depend on the machine being otherwise quiet (searches of many
# rows use every core): say how busy it was.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
go test -tags sqlite_fts5 -run '^$' -bench '^BenchmarkSearch100k$' \
	-benchtime "${passes}x" -timeout 60m ./index/
# The same index from 1 and 8 concurrent clients: what a node sustains.
go test -run '^$' -bench '^BenchmarkSearch100kClients$' -benchtime "${passes}x" -timeout 60m ./index/
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
