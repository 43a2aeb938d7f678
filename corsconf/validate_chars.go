package corsconf

import (
	"fmt"
	"unicode/utf8"
)

// xmlChars reports values holding characters that XML 1.0 cannot carry,
// such as control characters written as \u0001 in JSON. S3 receives every
// configuration as XML, so the request would not be well-formed.
func (v *validation) xmlChars(i int, r *Rule) {
	for _, name := range RuleFields { // MaxAgeSeconds, a number, has nothing to check
		switch list := r.List(name); {
		case list != nil:
			for j, val := range *list {
				if c, ok := badXMLChar(val); ok {
					v.reportChar(ValuePath(i, name, j), val, c)
				}
			}
		case name == IDName:
			if c, ok := badXMLChar(r.ID); ok {
				v.reportChar(FieldPath(i, name), r.ID, c)
			}
		}
	}
}

func (v *validation) reportChar(path, value string, c rune) {
	v.report(path, "invalid-character", errMalformedXML(), "remove it",
		"value %q holds the character %s, which XML cannot carry (S3 receives the configuration as XML)", value, fmt.Sprintf("U+%04X", c))
}

// badXMLChar returns the first rune of s outside XML 1.0's Char production.
func badXMLChar(s string) (rune, bool) {
	for _, c := range s {
		if !isXMLChar(c) {
			return c, true
		}
	}
	return 0, false
}

func isXMLChar(c rune) bool {
	return c == 0x09 || c == 0x0A || c == 0x0D ||
		(c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
		(c >= 0x10000 && c <= utf8.MaxRune)
}
