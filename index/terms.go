package index

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
	"vanban/vntext"
)

// Terms spells out the acronyms of government writing that are concepts,
// not units (CĐS, ĐMST, CNTT, AI, IoT…): normalize's alias table holds
// the units' ones. Both ways: an acronym in a query is searched as its
// words and as written, and rows that write the acronym are indexed with
// its words too, so the words find it.
//
// The file format is the alias file's for abbreviations, one a line:
//
//	CĐS = chuyển đổi số
//	# a comment
//	- CĐS            forget one
//
// DefaultTerms is the built-in table; a data folder's terms.txt (TermsFile)
// is read over it when the index opens. A change needs `vanban reindex`.
type Terms struct {
	words map[string]string // acronym as written → words
	order []string          // acronyms, longest first
}

// TermsFile is the user's table of acronyms, in the data folder beside
// the index.
const TermsFile = "terms.txt"

// BuiltinTerms are the acronyms every plan uses.
const BuiltinTerms = `# Concepts of government writing.
CĐS = chuyển đổi số
ĐMST = đổi mới sáng tạo
KHCN&ĐMST = khoa học, công nghệ và đổi mới sáng tạo
CNTT = công nghệ thông tin
CNTT-TT = công nghệ thông tin và truyền thông
CSDL = cơ sở dữ liệu
TTHC = thủ tục hành chính
CCHC = cải cách hành chính
ATTT = an toàn thông tin
DVC = dịch vụ công
DVCTT = dịch vụ công trực tuyến
CQĐT = chính quyền điện tử
CQS = chính quyền số
KTS = kinh tế số
XHS = xã hội số
CBCCVC = cán bộ, công chức, viên chức
CBCC = cán bộ, công chức
VBQPPL = văn bản quy phạm pháp luật
QPPL = quy phạm pháp luật
NSNN = ngân sách nhà nước
KT-XH = kinh tế - xã hội
KTXH = kinh tế - xã hội
QLNN = quản lý nhà nước
DNNVV = doanh nghiệp nhỏ và vừa
CCN = cụm công nghiệp
GPMB = giải phóng mặt bằng
BCĐ = Ban Chỉ đạo
PCMT = phòng, chống ma túy
HTX = hợp tác xã
NQ = nghị quyết
QĐ = quyết định
CT = chỉ thị
# English ones.
AI = trí tuệ nhân tạo
IoT = Internet vạn vật
IOC = Trung tâm giám sát, điều hành thông minh
R&D = nghiên cứu và phát triển
FDI = đầu tư trực tiếp nước ngoài
PPP = đối tác công tư
`

// DefaultTerms returns a fresh copy of the built-in table.
func DefaultTerms() *Terms {
	t := &Terms{}
	if err := t.Load(strings.NewReader(BuiltinTerms)); err != nil {
		panic("index: built-in terms: " + err.Error())
	}
	return t
}

// loadTermsBeside returns the built-in table with dir's parent's
// terms.txt read over it, when there is one. A file that cannot be read
// leaves the built-in table (the error says why).
func loadTermsBeside(dir string) (*Terms, error) {
	t := DefaultTerms()
	f, err := os.Open(filepath.Join(filepath.Dir(filepath.Clean(dir)), TermsFile))
	if os.IsNotExist(err) {
		return t, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := t.Load(f); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	return t, nil
}

// Load reads definitions over t; a later one overrides an earlier one.
func (t *Terms) Load(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "- "):
			t.remove(strings.TrimSpace(line[2:]))
		default:
			abbr, words, ok := strings.Cut(line, "=")
			abbr, words = strings.TrimSpace(abbr), strings.TrimSpace(words)
			if !ok || abbr == "" || words == "" || strings.ContainsFunc(abbr, unicode.IsSpace) {
				return fmt.Errorf("dòng %d: viết “VIẾT TẮT = các từ” (%q)", n, line)
			}
			t.Add(abbr, words)
		}
	}
	return sc.Err()
}

// Add records that abbr, written as a word, stands for words.
func (t *Terms) Add(abbr, words string) {
	abbr, words = vntext.Text(abbr), vntext.Text(words)
	if t.words == nil {
		t.words = map[string]string{}
	}
	if _, ok := t.words[abbr]; !ok {
		t.order = append(t.order, abbr)
		sort.SliceStable(t.order, func(i, j int) bool { return len(t.order[i]) > len(t.order[j]) })
	}
	t.words[abbr] = words
}

func (t *Terms) remove(abbr string) {
	abbr = vntext.Text(abbr)
	if _, ok := t.words[abbr]; !ok {
		return
	}
	delete(t.words, abbr)
	for i, a := range t.order {
		if a == abbr {
			t.order = append(t.order[:i], t.order[i+1:]...)
			break
		}
	}
}

// builtinTerms is the table a nil *Terms stands for.
var builtinTerms = DefaultTerms()

// Words returns what word stands for when it is an acronym of the table
// (written exactly so: "AI", not "ai").
func (t *Terms) Words(word string) (string, bool) {
	if t == nil {
		t = builtinTerms
	}
	w, ok := t.words[vntext.Text(word)]
	return w, ok
}

// Expand spells out the acronyms in s that stand as words.
func (t *Terms) Expand(s string) string {
	if t == nil {
		t = builtinTerms
	}
	for _, a := range t.order {
		if strings.Contains(s, a) {
			s = replaceAcronym(s, a, t.words[a])
		}
	}
	return s
}

// replaceAcronym replaces the occurrences of w in s that no letter or
// digit touches, nor a "-", "/" or "&" (a document symbol "16/QĐ-UBND",
// another acronym "KH&CN").
func replaceAcronym(s, w, by string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, w)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		touches := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-/&", r) }
		if i > 0 && touches(before) || i+len(w) < len(s) && touches(after) {
			b.WriteString(s[:i+len(w)])
		} else {
			b.WriteString(s[:i])
			b.WriteString(by)
		}
		s = s[i+len(w):]
	}
}

// expander spells out both tables' abbreviations: the units' (aliases)
// and the concepts' (terms).
type expander struct {
	al    *normalize.Aliases
	terms *Terms
}

func (e expander) Expand(s string) string { return e.terms.Expand(e.al.Expand(s)) }
