package corsconf

// Check parses src like [Parse] and, when the document could be read,
// validates it like [Validate]. The diagnostics are sorted and the one S3
// would most likely report first is marked (see [MarkS3First]).
func Check(name string, src []byte, f Format) (*Document, Diagnostics) {
	doc, diags := Parse(name, src, f)
	return doc, CheckDocument(doc, diags)
}

// readable reports whether parsing got far enough for validation to mean
// something: a syntax error or a document of the wrong format leaves a
// partial configuration that would only produce noise.
func readable(diags Diagnostics) bool {
	for _, d := range diags {
		if d.Rule == "syntax" || d.Rule == "wrong-format" {
			return false
		}
	}
	return true
}

// structureRules are the validation checks about absent fields.
var structureRules = map[string]bool{"empty-rule": true, "missing-origin": true, "missing-method": true}

// dropConsequences removes the absent-field findings on rules that had a
// field the parser could not read: "no AllowedOrigin" beside "unknown
// element <AllowedOrigins>" is the same mistake said twice. The absent
// field is reported on the next run if it is still missing.
func dropConsequences(vdiags, pdiags Diagnostics) Diagnostics {
	out := vdiags[:0]
	for _, d := range vdiags {
		if !structureRules[d.Rule] || !hasProblemWithin(pdiags, d.Path) {
			out = append(out, d)
		}
	}
	return out
}

func hasProblemWithin(diags Diagnostics, path string) bool {
	for _, d := range diags {
		if Within(d.Path, path) {
			return true
		}
	}
	return false
}
