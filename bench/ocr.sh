#!/usr/bin/env bash
# OCR figures: plan 58 printed to images (150/200/300 dpi; rotated 1°,
# blurred, noisy JPEG q50), wrapped as image-only PDFs, read back with
# OCR and compared with ../shared/gold/rows.json: rows found, rows
# field-exact, character error per row, seconds per page, pages per
# second; then the peak RSS of reading the 300 dpi scan with `vanban
# extract` (tesseract runs as child processes: their peak is reported by
# /usr/bin/time as the largest of the tree's members).
# Needs tesseract-ocr, tesseract-ocr-vie, poppler-utils, img2pdf, imagemagick.
# Usage: bench/ocr.sh [variant]   (variant: 300, 200, 150, 300-rot1, 300-blur, 300-noise-q50)
set -euo pipefail
cd "$(dirname "$0")/.."
OCRBENCH="${1:-1}" go test ./extract -run TestOCRBench -count=1 -v -timeout 30m | grep -E '^(300|200|150)'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 300 -gray -jpeg -jpegopt quality=85 ../shared/corpus/ke-hoach-58-kh-ubnd-2026.pdf "$tmp/p"
img2pdf -o "$tmp/scan.pdf" "$tmp"/p-*.jpg
go build -o "$tmp/vanban" ./cmd/vanban
/usr/bin/time -f 'vanban extract (300 dpi scan, 20 pages): %e s wall, %U s user, peak RSS %M KB' \
  "$tmp/vanban" extract "$tmp/scan.pdf" >/dev/null
