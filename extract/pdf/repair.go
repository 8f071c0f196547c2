package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// Repair of a broken cross-reference table. Readers like poppler rebuild
// it by scanning the file when it is wrong (offsets shifted by an editor,
// a trailer /Size smaller than the table, as pdfunite writes); the
// library does not, so the reader does it before handing the file over:
// it scans for object headers and appends a fresh table and trailer, as
// an incremental update would. Objects inside object streams cannot be
// listed that way; such files are left as they are.

var (
	objHeader = regexp.MustCompile(`(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b`)
	rootRef   = regexp.MustCompile(`/Root[ \t\r\n]*(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+R`)
	catalog   = regexp.MustCompile(`/Type[ \t\r\n]*/Catalog\b`)
)

// maxRepairObjects bounds the table a repair writes.
const maxRepairObjects = 1 << 22

type objEntry struct {
	off int
	gen int
}

// repairXref returns data with a rebuilt cross-reference table appended,
// or false when the file cannot be repaired this way.
func repairXref(data []byte) ([]byte, bool) {
	if bytes.Contains(data, []byte("/ObjStm")) {
		return nil, false
	}
	objs := map[int]objEntry{}
	maxID := 0
	for _, m := range objHeader.FindAllSubmatchIndex(data, -1) {
		// The header must start a token: preceded by white space or a
		// delimiter, not in the middle of a number.
		if m[0] > 0 && !isSpaceByte(data[m[0]-1]) && !isDelimByte(data[m[0]-1]) {
			continue
		}
		id, err1 := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, err2 := strconv.Atoi(string(data[m[4]:m[5]]))
		if err1 != nil || err2 != nil || id <= 0 || id >= maxRepairObjects {
			continue
		}
		objs[id] = objEntry{m[0], gen} // a later definition wins, as in an update
		maxID = max(maxID, id)
	}
	root := findRoot(data, objs)
	if root == "" || len(objs) == 0 {
		return nil, false
	}
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxID+1) + 100)
	b.Write(data)
	xref := b.Len() + 1
	fmt.Fprintf(&b, "\nxref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if e, ok := objs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", e.off, e.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root %s>>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, xref)
	return b.Bytes(), true
}

// findRoot returns the catalog reference: the last /Root of a trailer that
// names an object present, else the object typed /Catalog.
func findRoot(data []byte, objs map[int]objEntry) string {
	ms := rootRef.FindAllSubmatch(data, -1)
	for i := len(ms) - 1; i >= 0; i-- {
		id, _ := strconv.Atoi(string(ms[i][1]))
		if _, ok := objs[id]; ok {
			return fmt.Sprintf("%s %s R", ms[i][1], ms[i][2])
		}
	}
	ids := make([]int, 0, len(objs))
	for id := range objs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		e := objs[id]
		end := min(len(data), e.off+512)
		if catalog.Match(data[e.off:end]) {
			return fmt.Sprintf("%d %d R", id, e.gen)
		}
	}
	return ""
}
