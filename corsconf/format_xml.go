package corsconf

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

func errUnknownFormat(f Format) error { return fmt.Errorf("corsconf: cannot write format %d", int(f)) }

// formatXML writes c as an S3 XML document: indented with the XML
// declaration for people, or compact without it as the SDKs send it.
func (c *Config) formatXML(w io.Writer, indent bool) error {
	bw := bufio.NewWriter(w)
	x := xmlWriter{w: bw, indent: indent}
	if indent {
		x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	}
	if len(c.Rules) == 0 {
		x.raw(`<CORSConfiguration xmlns="` + S3Namespace + `"></CORSConfiguration>`)
	} else {
		x.raw(`<CORSConfiguration xmlns="` + S3Namespace + `">`)
		for i := range c.Rules {
			x.rule(&c.Rules[i])
		}
		x.newline(0)
		x.raw("</CORSConfiguration>")
	}
	if indent {
		x.raw("\n")
	}
	return bw.Flush()
}

type xmlWriter struct {
	w      *bufio.Writer
	indent bool
}

func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

func (x *xmlWriter) newline(depth int) {
	if x.indent {
		x.raw("\n")
		for range depth {
			x.raw("  ")
		}
	}
}

func (x *xmlWriter) rule(r *Rule) {
	x.newline(1)
	x.raw("<CORSRule>")
	if r.ID != "" {
		x.element(IDName, r.ID)
	}
	x.elements(AllowedOriginName, r.AllowedOrigins)
	x.elements(AllowedMethodName, r.AllowedMethods)
	x.elements(AllowedHeaderName, r.AllowedHeaders)
	x.elements(ExposeHeaderName, r.ExposeHeaders)
	if r.MaxAgeSeconds != nil {
		x.element(MaxAgeSecondsName, strconv.Itoa(*r.MaxAgeSeconds))
	}
	x.newline(1)
	x.raw("</CORSRule>")
}

func (x *xmlWriter) elements(name string, values []string) {
	for _, v := range values {
		x.element(name, v)
	}
}

// element writes <name>value</name>. xml.EscapeText escapes tabs and line
// breaks as character references, so values survive a round trip verbatim.
func (x *xmlWriter) element(name, value string) {
	x.newline(2)
	x.raw("<" + name + ">")
	_ = xml.EscapeText(x.w, []byte(value)) // errors surface in Flush
	x.raw("</" + name + ">")
}
