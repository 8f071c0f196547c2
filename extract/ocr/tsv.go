package ocr

import (
	"bufio"
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// tsvWord is one word row of tesseract's TSV output, in pixels.
type tsvWord struct {
	block, par, line    int
	left, top, w, h     int
	conf                float64 // 0..100
	text                string
	lineTop, lineBottom int // the box of its line (level 4 row)
}

// ErrTSV is TSV output that is not tesseract's.
var ErrTSV = errors.New("not tesseract TSV output")

// maxTSVWords bounds the words read from one page: a dense A3 page has a
// few thousand.
const maxTSVWords = 100_000

// parseTSV reads tesseract's TSV (level page_num block_num par_num
// line_num word_num left top width height conf text). Level 4 rows give
// line boxes; level 5 rows are words. Rows that do not parse are
// skipped; output without the header line is refused.
func parseTSV(data []byte) ([]tsvWord, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "level\tpage_num\tblock_num") {
		return nil, ErrTSV
	}
	type lineKey struct{ b, p, l int }
	lines := map[lineKey][2]int{}
	var words []tsvWord
	for sc.Scan() && len(words) < maxTSVWords {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 11 {
			continue
		}
		var n [10]int
		ok := true
		for i := 0; i < 10; i++ {
			v, err := strconv.Atoi(f[i])
			if err != nil || v < 0 || v > 1<<20 {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok || n[8] == 0 || n[9] == 0 {
			continue
		}
		key := lineKey{n[2], n[3], n[4]}
		switch n[0] {
		case 4:
			lines[key] = [2]int{n[7], n[7] + n[9]}
		case 5:
			conf, err := strconv.ParseFloat(f[10], 64)
			text := ""
			if len(f) > 11 {
				text = strings.Join(f[11:], " ")
			}
			text = strings.TrimSpace(text)
			if err != nil || conf < 0 || text == "" {
				continue
			}
			words = append(words, tsvWord{block: n[2], par: n[3], line: n[4],
				left: n[6], top: n[7], w: n[8], h: n[9], conf: min(conf, 100), text: text})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, ErrTSV
	}
	for i := range words {
		w := &words[i]
		if lb, ok := lines[lineKey{w.block, w.par, w.line}]; ok {
			w.lineTop, w.lineBottom = lb[0], lb[1]
		} else {
			w.lineTop, w.lineBottom = w.top, w.top+w.h
		}
	}
	return words, nil
}
