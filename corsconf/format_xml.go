package corsconf

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

func errUnknownFormat(f Format) error { return fmt.Errorf("corsconf: cannot write format %d", int(f)) }

// formatXML writes c as an S3 XML document: indented with the XML
// declaration for people, or compact without it as the SDKs send it.
func (c *Config) formatXML(w io.Writer, indent bool) error {
	return formatXML(w, c, indent, nil)
}

// Write writes d's configuration like [Config.Format]. In XML it also
// keeps the document's comments, each before the element it preceded in the
// source (or at the end of the element it closed); JSON has no comments.
func (d *Document) Write(w io.Writer, f Format) error {
	if f != FormatXML || len(d.Comments) == 0 {
		return d.Config.Format(w, f)
	}
	comments := make(map[string][]string)
	for _, cm := range d.Comments {
		key := cm.Next
		if cm.End {
			key += endKey
		}
		comments[key] = append(comments[key], cm.Text)
	}
	return formatXML(w, &d.Config, true, comments)
}

// endKey marks the comments that close an element in the comment map.
const endKey = "#end"

func formatXML(w io.Writer, c *Config, indent bool, comments map[string][]string) error {
	bw := bufio.NewWriter(w)
	x := xmlWriter{w: bw, indent: indent, notes: comments}
	if indent {
		x.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
		x.comments(RootName, 0)
		x.raw("\n")
	}
	x.raw(`<CORSConfiguration xmlns="`, S3Namespace, `">`)
	for i := range c.Rules {
		x.rule(i, &c.Rules[i])
	}
	if len(c.Rules) > 0 || x.has(RootName+endKey) {
		x.comments(RootName+endKey, 1)
		x.newline(0)
	}
	x.raw("</CORSConfiguration>")
	x.comments("", 0)
	if indent {
		x.raw("\n")
	}
	return bw.Flush()
}

type xmlWriter struct {
	w      *bufio.Writer
	indent bool
	notes  map[string][]string // element path (+endKey) -> comment texts
}

func (x *xmlWriter) has(key string) bool { return len(x.notes[key]) > 0 }

// comments writes the comments kept for key, each on its own line.
func (x *xmlWriter) comments(key string, depth int) {
	for _, text := range x.notes[key] {
		x.newline(depth)
		x.raw("<!--", text, "-->")
	}
}

func (x *xmlWriter) raw(parts ...string) {
	for _, s := range parts {
		x.w.WriteString(s)
	}
}

func (x *xmlWriter) newline(depth int) {
	if x.indent {
		x.raw("\n")
		for range depth {
			x.raw("  ")
		}
	}
}

// path returns the path of a field of rule i when comments are placed.
func (x *xmlWriter) path(i int, field string) string {
	if x.notes == nil {
		return ""
	}
	return FieldPath(i, field)
}

func (x *xmlWriter) rule(i int, r *Rule) {
	if x.notes != nil {
		x.comments(RulePath(i), 1)
	}
	x.newline(1)
	x.raw("<CORSRule>")
	if r.ID != "" {
		x.element(x.path(i, IDName), IDName, r.ID)
	}
	x.elements(i, AllowedOriginName, r.AllowedOrigins)
	x.elements(i, AllowedMethodName, r.AllowedMethods)
	x.elements(i, AllowedHeaderName, r.AllowedHeaders)
	x.elements(i, ExposeHeaderName, r.ExposeHeaders)
	if r.MaxAgeSeconds != nil {
		x.element(x.path(i, MaxAgeSecondsName), MaxAgeSecondsName, strconv.Itoa(*r.MaxAgeSeconds))
	}
	if x.notes != nil {
		x.comments(RulePath(i)+endKey, 2)
	}
	x.newline(1)
	x.raw("</CORSRule>")
}

func (x *xmlWriter) elements(i int, name string, values []string) {
	for j, v := range values {
		path := ""
		if x.notes != nil { // paths only matter to place comments
			path = ValuePath(i, name, j)
		}
		x.element(path, name, v)
	}
}

// element writes <name>value</name>, after the comments kept for path.
// xml.EscapeText escapes tabs and line breaks as character references, so
// values survive a round trip verbatim.
func (x *xmlWriter) element(path, name, value string) {
	x.comments(path, 2)
	x.newline(2)
	x.raw("<", name, ">")
	if strings.ContainsAny(value, "\"'&<>\t\n\r") || !utf8.ValidString(value) {
		_ = xml.EscapeText(x.w, []byte(value)) // errors surface in Flush
	} else {
		x.raw(value) // nothing to escape: skip the copy EscapeText needs
	}
	x.raw("</", name, ">")
}
