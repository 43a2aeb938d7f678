package corsconf

// Check parses src like [Parse] and, when the document could be read,
// validates it like [Validate]. The diagnostics are sorted and the one S3
// would most likely report first is marked (see [MarkS3First]).
func Check(name string, src []byte, f Format) (*Document, Diagnostics) {
	doc, diags := Parse(name, src, f)
	if readable(diags) {
		diags = append(diags, Validate(doc)...)
	}
	MarkS3First(diags)
	diags.Sort()
	return doc, diags
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
