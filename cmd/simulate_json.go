package cmd

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

// The JSON form of a simulation; its keys are documented in README.md and
// stable.
type jsonSimulation struct {
	Allowed          bool              `json:"allowed"`
	Origin           string            `json:"origin"`
	Method           string            `json:"method"`
	Credentials      string            `json:"credentials"`
	URL              string            `json:"url"`
	PreflightReasons []string          `json:"preflightReasons"`
	Preflight        *jsonExchange     `json:"preflight"`
	Actual           *jsonExchange     `json:"actual"`
	BlockedBy        *string           `json:"blockedBy"`
	Reason           *string           `json:"reason"`
	ReadableHeaders  []string          `json:"readableHeaders"`
	HiddenHeaders    []string          `json:"hiddenHeaders"`
	DroppedHeaders   []string          `json:"droppedHeaders"`
	Rules            []jsonExplanation `json:"rules"`
	Advice           []string          `json:"advice"`
	Warnings         []string          `json:"warnings"`
	Unverified       []string          `json:"unverified"`
}

type jsonExchange struct {
	Request     jsonRequest  `json:"request"`
	Status      int          `json:"status"`
	Headers     orderedJSON  `json:"headers"`
	MatchedRule *int         `json:"matchedRule"`
	Error       *jsonS3Error `json:"error"`
}

type jsonRequest struct {
	Method  string      `json:"method"`
	Headers orderedJSON `json:"headers"`
}

type jsonS3Error struct {
	Code         string `json:"code"`
	Message      string `json:"message"`
	Method       string `json:"method,omitempty"`
	ResourceType string `json:"resourceType,omitempty"`
}

type jsonExplanation struct {
	Index            int      `json:"index"`
	ID               string   `json:"id"`
	Used             bool     `json:"used"`
	OriginMatch      bool     `json:"originMatch"`
	MatchedOrigin    string   `json:"matchedOrigin,omitempty"`
	MethodMatch      bool     `json:"methodMatch"`
	HeadersMatch     bool     `json:"headersMatch"`
	UnmatchedHeaders []string `json:"unmatchedHeaders"`
	Hints            []string `json:"hints"`
	// File, Line and Column say where the rule is written, for a
	// configuration read from a CloudFormation template or a Terraform
	// file; absent otherwise.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// orderedJSON is a JSON object of header names and values that keeps the
// order the headers are sent in.
type orderedJSON simulate.Fields

// MarshalJSON writes the fields as one object, in order.
func (o orderedJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Name)
		v, _ := json.Marshal(f.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (s *simulation) toJSON() jsonSimulation {
	v := &s.verdict
	j := jsonSimulation{
		Allowed: v.Allowed, Origin: s.req.Origin, Method: s.req.Method, Credentials: s.req.Credentials.String(), URL: s.req.URL,
		PreflightReasons: nonNil(v.PreflightReasons), Preflight: exchangeJSON(v.Preflight), Actual: exchangeJSON(v.Actual),
		ReadableHeaders: nonNil(v.ReadableHeaders), HiddenHeaders: nonNil(v.HiddenHeaders), DroppedHeaders: nonNil(v.Dropped),
		Rules: []jsonExplanation{}, Advice: nonNil(s.advice), Warnings: nonNil(s.warnings), Unverified: nonNil(v.Unverified),
	}
	if v.Actual != nil {
		j.Method = v.Actual.Request.Method
	} else if v.Preflight != nil {
		j.Method = v.Preflight.Request.Header.Get(simulate.HeaderRequestMethod)
	}
	if !v.Allowed {
		step, reason := string(v.BlockedBy), v.Reason
		j.BlockedBy, j.Reason = &step, &reason
	}
	for _, r := range s.rules {
		e := jsonExplanation{Index: r.Index, ID: r.ID, Used: r.Selected, OriginMatch: r.OriginMatch, MatchedOrigin: r.MatchedOrigin,
			MethodMatch: r.MethodMatch, HeadersMatch: r.HeadersMatch, UnmatchedHeaders: nonNil(r.UnmatchedHeaders), Hints: nonNil(r.Hints)}
		if s.at != nil {
			pos := s.at.doc.Pos(corsconf.RulePath(r.Index))
			e.File, e.Line, e.Column = s.at.doc.Name, pos.Line, pos.Col
		}
		j.Rules = append(j.Rules, e)
	}
	return j
}

func exchangeJSON(ex *simulate.Exchange) *jsonExchange {
	if ex == nil {
		return nil
	}
	r := &ex.Response
	j := &jsonExchange{Request: jsonRequest{Method: ex.Request.Method, Headers: requestFields(ex.Request.Header)}, Status: r.Status, Headers: orderedJSON(r.Headers)}
	if j.Headers == nil {
		j.Headers = orderedJSON{}
	}
	if r.MatchedRule >= 0 {
		i := r.MatchedRule
		j.MatchedRule = &i
	}
	if r.Error != nil {
		j.Error = &jsonS3Error{Code: r.Error.Code, Message: r.Error.Message, Method: r.Error.Method, ResourceType: r.Error.ResourceType}
	}
	return j
}

func requestFields(h http.Header) orderedJSON {
	out := orderedJSON{}
	for _, name := range headerOrder(h) {
		out = append(out, simulate.Field{Name: name, Value: h.Get(name)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
