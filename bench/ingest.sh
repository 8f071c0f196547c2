#!/usr/bin/env bash
# Times `vanban ingest` of N distinct PDF files (default 200) into a fresh
# data folder against the floor: a pdftotext loop over the same files,
# one after another and on every core. The files are the shared PDFs
# (corpus, real documents with a text layer, renderings), each copied
# with a comment appended after its end so that every one is new content.
#
#   bench/ingest.sh            # 200 files
#   N=500 bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
shared=../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v pdftotext >/dev/null || { echo "missing pdftotext" >&2; exit 1; }
go build -o "$tmp/vanban" ./cmd/vanban

src=("$shared"/corpus/*.pdf "$shared"/real/rendered/*.pdf "$shared/real/docs/329 BAO CAO CCHC NAM 2025.pdf"
  "$shared/real/docs/45_2026_ND-CP_616621 nghi dinh thay the 73 82 04Text.pdf" "$shared/real/docs/vht534.signed_20250510_124908.pdf"
  "$shared/real/docs/05.signed_20250517_044750.pdf" "$shared/real/docs/Bao cao cac chi so cua tinh 06.11s.pdf")
mkdir -p "$tmp/in"
for i in $(seq 1 "$N"); do
  f=${src[$(( (i - 1) % ${#src[@]} ))]}
  { cat "$f"; printf '\n%% vanban bench copy %d\n' "$i"; } >"$tmp/in/tep-$i.pdf"
done
pages=0
for f in "$tmp"/in/*.pdf; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'))); done

cores=$(nproc)
echo "$N PDF files, $pages pages, $cores CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
for f in "$tmp"/in/*.pdf; do pdftotext -layout "$f" /dev/null; done
t1=$(date +%s.%N)
ls "$tmp"/in/*.pdf | xargs -P "$cores" -I{} pdftotext -layout {} /dev/null
t2=$(date +%s.%N)
/usr/bin/time -f "%e s, %M KB peak RSS" -o "$tmp/time" "$tmp/vanban" ingest --data "$tmp/data" --json "$tmp/in" >"$tmp/out.json" || true
t3=$(date +%s.%N)
seq1=$(echo "$t1 - $t0" | bc -l); par=$(echo "$t2 - $t1" | bc -l); vb=$(echo "$t3 - $t2" | bc -l)
printf 'pdftotext, one at a time:  %6.2f s  %6.1f files/s\n' "$seq1" "$(echo "$N / $seq1" | bc -l)"
printf 'pdftotext, %d at a time:    %6.2f s  %6.1f files/s\n' "$cores" "$par" "$(echo "$N / $par" | bc -l)"
printf 'vanban ingest:             %6.2f s  %6.1f files/s  (%.2fx the parallel floor; %s)\n' "$vb" "$(echo "$N / $vb" | bc -l)" \
  "$(echo "$vb / $par" | bc -l)" "$(cat "$tmp/time")"
python3 -c "import json,sys; s=json.load(open('$tmp/out.json')); print('stored', s.get('stored'), 'unchanged', s.get('unchanged'), 'failed', s.get('failed'), 'errors', s.get('errors'))"
