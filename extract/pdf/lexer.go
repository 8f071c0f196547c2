package pdf

// A small lexer for content streams and CMaps. The library's Interpret
// reads the stream without a size cap, does not know inline images
// (BI … ID binary EI) and panics on the first token it cannot read; this
// one works on a bounded byte slice, skips inline image data and never
// fails: what it cannot read it skips a byte at a time.

// opKind tells what an operand holds.
type opKind uint8

const (
	opNull opKind = iota
	opNum
	opStr  // literal or hex string: raw bytes
	opName // name without the slash
	opArr
	opDict // contents are not kept: content-stream dictionaries (BDC, BI) are not needed
	opBool
)

// operand is one value on the operand stack.
type operand struct {
	kind opKind
	num  float64
	str  []byte    // opStr, opName
	arr  []operand // opArr
}

// lexer tokenizes PostScript-like syntax. Operands live until the next
// operator: the strings and arrays it returns are carved from buffers it
// reuses once reset is called.
type lexer struct {
	b       []byte
	pos     int
	pool    []operand   // array elements
	bytes   []byte      // decoded string bytes
	scratch [][]operand // per nesting depth, arrays being read
}

// reset frees the operands returned so far for reuse.
func (l *lexer) reset() {
	l.pool = l.pool[:0]
	l.bytes = l.bytes[:0]
}

func isSpaceByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0:
		return true
	}
	return false
}

func isDelimByte(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isSpaceByte(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next reads one token: an operand (ok, isOp false), an operator keyword
// (isOp true, kw set), or end of input (ok false).
func (l *lexer) next() (v operand, kw []byte, isOp, ok bool) {
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return operand{}, nil, false, false
		}
		c := l.b[l.pos]
		switch {
		case c == '/':
			l.pos++
			return operand{kind: opName, str: l.regular()}, nil, false, true
		case c == '(':
			l.pos++
			return operand{kind: opStr, str: l.literal()}, nil, false, true
		case c == '<' && l.peek(1) == '<':
			l.pos += 2
			l.skipDict()
			return operand{kind: opDict}, nil, false, true
		case c == '<':
			l.pos++
			return operand{kind: opStr, str: l.hex()}, nil, false, true
		case c == '[':
			l.pos++
			return operand{kind: opArr, arr: l.array(0)}, nil, false, true
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			if n, good := l.number(); good {
				return operand{kind: opNum, num: n}, nil, false, true
			}
			continue
		case isDelimByte(c):
			l.pos++ // stray ) ] > { }: skip
			continue
		}
		word := l.regular()
		switch string(word) {
		case "true":
			return operand{kind: opBool, num: 1}, nil, false, true
		case "false":
			return operand{kind: opBool}, nil, false, true
		case "null":
			return operand{}, nil, false, true
		}
		return operand{}, word, true, true
	}
}

func (l *lexer) peek(k int) byte {
	if l.pos+k < len(l.b) {
		return l.b[l.pos+k]
	}
	return 0
}

// regular reads a run of regular characters (a name or keyword body).
func (l *lexer) regular() []byte {
	start := l.pos
	for l.pos < len(l.b) && !isSpaceByte(l.b[l.pos]) && !isDelimByte(l.b[l.pos]) {
		l.pos++
	}
	w := l.b[start:l.pos]
	if len(w) == 0 && l.pos < len(l.b) {
		l.pos++ // never stall
	}
	return unescapeName(w)
}

// unescapeName decodes #xx escapes in a name.
func unescapeName(w []byte) []byte {
	hasHash := false
	for _, c := range w {
		if c == '#' {
			hasHash = true
			break
		}
	}
	if !hasHash {
		return w
	}
	out := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if w[i] == '#' && i+2 < len(w) && unhexByte(w[i+1]) >= 0 && unhexByte(w[i+2]) >= 0 {
			out = append(out, byte(unhexByte(w[i+1])<<4|unhexByte(w[i+2])))
			i += 2
			continue
		}
		out = append(out, w[i])
	}
	return out
}

func unhexByte(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// number reads an integer or real; ok is false for a lone sign or dot.
func (l *lexer) number() (float64, bool) {
	start := l.pos
	neg := false
	if c := l.b[l.pos]; c == '+' || c == '-' {
		neg = c == '-'
		l.pos++
		for l.pos < len(l.b) && (l.b[l.pos] == '-' || l.b[l.pos] == '+') {
			l.pos++ // "--5" appears in the wild; treat as one sign
		}
	}
	var ip float64
	digits := 0
	for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' {
		ip = ip*10 + float64(l.b[l.pos]-'0')
		l.pos++
		digits++
	}
	if l.pos < len(l.b) && l.b[l.pos] == '.' {
		l.pos++
		scale := 0.1
		for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' {
			ip += float64(l.b[l.pos]-'0') * scale
			scale /= 10
			l.pos++
			digits++
		}
	}
	if digits == 0 {
		if l.pos == start {
			l.pos++
		}
		return 0, false
	}
	if neg {
		ip = -ip
	}
	return ip, true
}

// keep copies decoded string bytes into the reused buffer.
func (l *lexer) keep(out []byte) []byte {
	start := len(l.bytes)
	l.bytes = append(l.bytes, out...)
	return l.bytes[start:len(l.bytes):len(l.bytes)]
}

// literal reads a (string) after its opening parenthesis.
func (l *lexer) literal() []byte {
	start := l.pos
	// Fast path: no escapes or nested parentheses, the bytes are used in place.
	for i := l.pos; i < len(l.b); i++ {
		c := l.b[i]
		if c == '\\' || c == '(' {
			break
		}
		if c == ')' {
			l.pos = i + 1
			return l.b[start:i:i]
		}
	}
	out := l.bytes[len(l.bytes):]
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return l.keep(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return l.keep(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return l.keep(out)
}

// hex reads a <hex string> after its opening bracket.
func (l *lexer) hex() []byte {
	out := l.bytes[len(l.bytes):]
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		d := unhexByte(c)
		if d < 0 {
			continue
		}
		if hi < 0 {
			hi = d
		} else {
			out = append(out, byte(hi<<4|d))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return l.keep(out)
}

// maxNest bounds array and dictionary nesting.
const maxNest = 32

// array reads array elements after the opening bracket.
func (l *lexer) array(depth int) []operand {
	for len(l.scratch) <= depth {
		l.scratch = append(l.scratch, nil)
	}
	buf := l.scratch[depth][:0]
	defer func() {
		l.scratch[depth] = buf[:0]
	}()
	for {
		l.skipSpace()
		if l.pos >= len(l.b) || l.b[l.pos] == ']' {
			if l.pos < len(l.b) {
				l.pos++
			}
			start := len(l.pool)
			l.pool = append(l.pool, buf...)
			return l.pool[start:len(l.pool):len(l.pool)]
		}
		if l.b[l.pos] == '[' {
			l.pos++
			if depth < maxNest {
				buf = append(buf, operand{kind: opArr, arr: l.array(depth + 1)})
			} else {
				l.skipArray()
			}
			continue
		}
		v, _, isOp, ok := l.next()
		if !ok {
			continue
		}
		if !isOp {
			buf = append(buf, v)
		}
	}
}

// skipArray skips an array nested too deep.
func (l *lexer) skipArray() {
	depth := 1
	for l.pos < len(l.b) && depth > 0 {
		switch l.b[l.pos] {
		case '[':
			depth++
		case ']':
			depth--
		case '(':
			l.pos++
			l.literal()
			continue
		}
		l.pos++
	}
}

// skipDict skips a dictionary after its opening <<, nested ones too.
func (l *lexer) skipDict() {
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case c == '(':
			l.pos++
			l.literal()
		case c == '<' && l.peek(1) == '<':
			l.pos += 2
			depth++
		case c == '>' && l.peek(1) == '>':
			l.pos += 2
			depth--
			if depth == 0 {
				return
			}
		case c == '<':
			l.pos++
			l.hex()
		default:
			l.pos++
		}
	}
}

// skipInlineImage skips an inline image after its BI operator: the
// key-value pairs up to ID, then binary data up to an EI that stands as a
// word by itself.
func (l *lexer) skipInlineImage() {
	for {
		_, kw, isOp, ok := l.next()
		if !ok {
			return
		}
		if isOp && string(kw) == "ID" {
			break
		}
	}
	l.pos++ // the single white-space byte after ID
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' &&
			isSpaceByte(l.b[l.pos-1]) && (l.pos+2 >= len(l.b) || isSpaceByte(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}
