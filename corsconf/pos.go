package corsconf

import (
	"fmt"
	"sort"
)

// Pos is a position in a source document.
type Pos struct {
	Line int // 1-based; 0 means unknown
	Col  int // 1-based, counted in bytes; 0 means unknown
}

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// lineIndex converts byte offsets into positions.
type lineIndex struct {
	starts []int // byte offset at which each line starts
}

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts}
}

// pos returns the position of byte offset off; offsets past the end are
// clamped to the end of the input.
func (li *lineIndex) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	return Pos{Line: line + 1, Col: off - li.starts[line] + 1}
}
