#!/usr/bin/env bash
# Times `vanban extract FILE` against `pdftotext -layout FILE` on the shared
# PDFs (corpus, rendered, the real documents with a text layer) and on a
# 300-page PDF made by joining the printed plan 58 fifteen times; prints
# wall time, the ratio and the peak RSS of each.
#
# Usage: bench/extract.sh [RUNS]   (RUNS: best of N, default 3)
# Needs poppler-utils (pdftotext, pdfunite) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shared=../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in pdftotext pdfunite /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
go build -o "$tmp/vanban" ./cmd/vanban

plan="$shared/corpus/ke-hoach-58-kh-ubnd-2026.pdf"
parts=()
for _ in $(seq 15); do parts+=("$plan"); done
pdfunite "${parts[@]}" "$tmp/plan58x15-300pages.pdf"

files=(
  "$shared"/corpus/*.pdf
  "$shared"/real/rendered/*.pdf
  "$shared/real/docs/329 BAO CAO CCHC NAM 2025.pdf"
  "$shared/real/docs/45_2026_ND-CP_616621 nghi dinh thay the 73 82 04Text.pdf"
  "$shared/real/docs/Tong hop y kien gop y.pdf"
  "$tmp/plan58x15-300pages.pdf"
)

# measure CMD... prints "seconds maxrss_kb" of the best of $runs runs.
measure() {
  local best_t="" best_m=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || {
      echo "failed: $* ($(tail -1 "$tmp/err"))" >&2; echo "nan 0"; return; }
    read -r t m <"$tmp/time"
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN{exit !(a<b)}'; then
      best_t=$t best_m=$m
    fi
  done
  echo "$best_t $best_m"
}

printf '%-58s %5s %9s %9s %6s %9s %9s\n' file pages vanban_s pdftotxt_s ratio vb_RSS_MB p2t_RSS_MB
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}')
  read -r vt vm < <(measure "$tmp/vanban" extract "$f")
  read -r pt pm < <(measure pdftotext -layout "$f" -)
  ratio=$(awk -v a="$vt" -v b="$pt" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "-" }')
  printf '%-58.58s %5s %9s %9s %6s %9.1f %9.1f\n' "$(basename "$f")" "$pages" "$vt" "$pt" "$ratio" \
    "$(awk -v k="$vm" 'BEGIN{print k/1024}')" "$(awk -v k="$pm" 'BEGIN{print k/1024}')"
done
