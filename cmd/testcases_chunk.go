package cmd

import (
	"bytes"
	"runtime"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Reading a large cases file in chunks.
//
// goccy/go-yaml allocates a token and a node for every scalar, key and
// punctuation mark, and keeps the whole file's tree alive: 100,000 cases
// (16 MB of YAML) take about 1.2 GB and several seconds, most of it in
// the garbage collector marking that heap. A large file whose shape is
// the usual one (a block list of cases under "cases:", a bare list, or
// the JSON equivalents) is therefore cut, without parsing it, into chunks
// of whole cases; the chunks are parsed in parallel, and their cases are
// read in order, so that anchors still work across chunks and only a few
// chunks are alive at a time. Token lines are shifted by the chunk's
// first line, so positions are those of the file. Anything unexpected
// (another shape, a chunk that does not parse, or parses into an
// unexpected number of cases) falls back to parsing the whole file, which
// then also gives the error messages.

// chunkMin is the size from which a cases file is read in chunks (a
// variable so that tests can lower it); chunkSize is about the size of a
// chunk.
var (
	chunkMin  = 1 << 20
	chunkSize = 64 << 10
)

// chunk is a run of whole cases of a cases file.
type chunk struct {
	src   []byte // the cases, from the start of the first one's line (YAML) or its first byte (JSON)
	items int    // how many cases src holds
	// line is the line of src's first byte in the file, 1-based; col its
	// column (1 for YAML chunks).
	line, col int
	json      bool
}

// parse parses the chunk into the list of its cases, with positions in
// the file. ok is false when it does not parse into c.items cases.
func (c *chunk) parse() (seq *ast.SequenceNode, ok bool) {
	defer func() {
		if recover() != nil { // fall back on the whole file, which reports it
			seq, ok = nil, false
		}
	}()
	text := string(c.src)
	first := 1 // the line of c.src's first byte in text
	if c.json {
		text, first = "[\n"+text+"\n]", 2
	}
	tokens := lexer.Tokenize(text)
	if tokens.InvalidToken() != nil {
		return nil, false
	}
	c.shift(tokens, first)
	f, err := parser.Parse(tokens, 0)
	if err != nil || len(f.Docs) != 1 {
		return nil, false
	}
	seq, ok = f.Docs[0].Body.(*ast.SequenceNode)
	return seq, ok && len(seq.Values) == c.items
}

// shift moves the positions of tokens, lexed from a text whose line first
// is the chunk's first line, to where they are in the file.
func (c *chunk) shift(tokens token.Tokens, first int) {
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		if tk.Position.Line == first {
			tk.Position.Column += c.col - 1
		}
		tk.Position.Line += c.line - first
	}
}

// chunked reads the cases of chunks, parsed in parallel, in order. It
// returns false, with cases possibly read, when a chunk does not parse.
func (p *caseParser) chunked(chunks []chunk) bool {
	stop := make(chan struct{})
	defer close(stop)
	results, slots := parseChunks(chunks, stop)
	index := 0
	for i := range chunks {
		seq := <-results[i]
		<-slots
		if seq == nil {
			return false
		}
		for _, item := range seq.Values {
			p.addCase(index, item)
			index++
		}
	}
	return true
}

// parseChunks parses chunks in parallel until stop is closed. Chunk i's
// cases arrive on results[i], nil when it does not parse. slots bounds
// the chunks parsed but not yet read: the reader frees one per chunk read.
func parseChunks(chunks []chunk, stop <-chan struct{}) (results []chan *ast.SequenceNode, slots chan struct{}) {
	results = make([]chan *ast.SequenceNode, len(chunks))
	for i := range results {
		results[i] = make(chan *ast.SequenceNode, 1)
	}
	slots = make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	go func() {
		for i := range chunks {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			go func() {
				seq, ok := chunks[i].parse()
				if !ok {
					seq = nil
				}
				results[i] <- seq
			}()
		}
	}()
	return results, slots
}

// splitCases cuts src into chunks of whole cases; ok is false when src
// does not have one of the usual shapes.
func splitCases(src []byte, isJSON bool) ([]chunk, bool) {
	var starts []itemStart
	var end int
	var ok bool
	if isJSON {
		starts, end, ok = jsonItems(src)
	} else {
		starts, end, ok = yamlItems(src)
	}
	if !ok || len(starts) == 0 {
		return nil, false
	}
	var chunks []chunk
	for i := 0; i < len(starts); {
		j := i + 1
		for j < len(starts) && starts[j].off-starts[i].off < chunkSize {
			j++
		}
		stop := end
		if j < len(starts) {
			stop = starts[j].off
		}
		if isJSON {
			stop = starts[j-1].end
		}
		chunks = append(chunks, chunk{src: src[starts[i].off:stop], items: j - i, line: starts[i].line, col: starts[i].col, json: isJSON})
		i = j
	}
	return chunks, true
}

// itemStart is where a case starts in a cases file.
type itemStart struct {
	off       int // byte offset
	end       int // JSON: the offset just after the case
	line, col int // 1-based
}

// yamlItems finds the cases of a YAML file that is a block list, bare or
// under a "cases:" key alone: the lines that start with "-" at the list's
// indentation. Every other line must be blank, a comment, or indented
// more than the list (a part of a case). YAML chunks start at the start
// of a line, so their offset is also that of the line, and their column 1.
func yamlItems(src []byte) (starts []itemStart, end int, ok bool) {
	indent := -1 // the column of the items' "-", 0-based, once known
	sawCases, sawStart := false, false
	line := 0
	for off := 0; off < len(src); {
		line++
		next := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			next = off + i + 1
		}
		l := bytes.TrimRight(src[off:next], "\r\n")
		n := 0
		for n < len(l) && l[n] == ' ' {
			n++
		}
		rest := l[n:]
		switch {
		case len(rest) == 0 || rest[0] == '#':
		case indent >= 0 && n > indent: // within a case
		case isYAMLItem(rest) && (n == indent || indent < 0 && (sawCases || n == 0)):
			indent = n
			starts = append(starts, itemStart{off: off, line: line, col: 1})
		case indent < 0 && !sawCases && n == 0 && isCasesKey(rest):
			sawCases = true
		case indent < 0 && !sawCases && !sawStart && n == 0 && isDocStart(rest):
			sawStart = true
		default:
			return nil, 0, false
		}
		off = next
	}
	return starts, len(src), true
}

func isYAMLItem(rest []byte) bool {
	return rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t')
}

// isCasesKey reports whether a line is "cases:", maybe with a comment.
func isCasesKey(rest []byte) bool {
	after, ok := bytes.CutPrefix(rest, []byte(keyCases+":"))
	if !ok {
		return false
	}
	after = bytes.TrimLeft(after, " \t")
	return len(after) == 0 || after[0] == '#' && len(after) < len(rest)-len(keyCases)-1
}

// isDocStart reports whether a line is the document start marker "---".
func isDocStart(rest []byte) bool {
	after, ok := bytes.CutPrefix(rest, []byte("---"))
	return ok && len(bytes.TrimSpace(after)) == 0
}

// jsonItems finds the cases of valid JSON that is an array, or an object
// whose only key is "cases" and holds an array.
func jsonItems(src []byte) (starts []itemStart, end int, ok bool) {
	i, ok := jsonListStart(src)
	if !ok {
		return nil, 0, false
	}
	line, lineStart, counted := 1, 0, 0
	for i = skipJSONSpace(src, i+1); i < len(src) && src[i] != ']'; {
		for ; counted < i; counted++ {
			if src[counted] == '\n' {
				line, lineStart = line+1, counted+1
			}
		}
		e := skipJSONValue(src, i)
		starts = append(starts, itemStart{off: i, end: e, line: line, col: i - lineStart + 1})
		i = skipJSONSpace(src, e)
		if i < len(src) && src[i] == ',' {
			i = skipJSONSpace(src, i+1)
		}
	}
	return starts, len(src), true
}

// jsonListStart returns the offset of the "[" that opens the list of
// cases: the array src is, or the one under its only key, "cases".
func jsonListStart(src []byte) (int, bool) {
	i := skipJSONSpace(src, 0)
	switch {
	case i < len(src) && src[i] == '[':
		return i, true
	case i < len(src) && src[i] == '{':
		return jsonCasesList(src, i)
	}
	return 0, false
}

// jsonCasesList returns the offset of the array under "cases" in the
// object that starts at i, when "cases" is its only key.
func jsonCasesList(src []byte, i int) (int, bool) {
	i = skipJSONSpace(src, i+1)
	key := []byte(`"` + keyCases + `"`)
	if !bytes.HasPrefix(src[i:], key) {
		return 0, false
	}
	i = skipJSONSpace(src, i+len(key))
	if i >= len(src) || src[i] != ':' {
		return 0, false
	}
	i = skipJSONSpace(src, i+1)
	if i >= len(src) || src[i] != '[' {
		return 0, false
	}
	j := skipJSONSpace(src, skipJSONValue(src, i))
	if j >= len(src) || src[j] != '}' || skipJSONSpace(src, j+1) != len(src) {
		return 0, false // another key: the whole file is read, and reports it
	}
	return i, true
}

func skipJSONSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// skipJSONValue returns the offset just after the value that starts at i
// in valid JSON.
func skipJSONValue(src []byte, i int) int {
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 { // the end of the enclosing array or object
				return i
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}
