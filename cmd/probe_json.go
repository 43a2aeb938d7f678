package cmd

import "github.com/s3cors/s3cors/simulate"

// The JSON form of a probe; its keys are documented in
// docs/commands/probe.md and stable.
type jsonProbe struct {
	URL              string             `json:"url"` // redacted
	Origin           string             `json:"origin"`
	Method           string             `json:"method"`
	Credentials      string             `json:"credentials"`
	PreflightReasons []string           `json:"preflightReasons"`
	Exchanges        []jsonLiveExchange `json:"exchanges"`
	Live             jsonLiveVerdict    `json:"live"`
	Simulated        *jsonSimulated     `json:"simulated"`
	// Agrees is null without a configuration to compare with.
	Agrees      *bool          `json:"agrees"`
	Differences []probeFinding `json:"differences"`
	Notes       []probeFinding `json:"notes"`
	Warnings    []string       `json:"warnings"`
}

type jsonLiveExchange struct {
	Kind           string      `json:"kind"` // "preflight" or "request"
	Sent           bool        `json:"sent"`
	Method         string      `json:"method"`
	Target         string      `json:"target"`
	RequestHeaders []jsonField `json:"requestHeaders"`
	Proto          string      `json:"proto,omitempty"`
	Status         int         `json:"status,omitempty"`
	Headers        []jsonField `json:"headers"`
	// HeadersAsReceived is false when the names are Go's canonical form.
	HeadersAsReceived bool   `json:"headersAsReceived"`
	Body              string `json:"body,omitempty"`
}

// jsonField is one header; a list of them keeps order and repetitions.
type jsonField struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type jsonLiveVerdict struct {
	// Outcome is allowed, blocked, preflight-passed (the request itself
	// was not sent) or not-sent (no preflight needed, nothing sent).
	Outcome         string   `json:"outcome"`
	Allowed         bool     `json:"allowed"`
	BlockedBy       *string  `json:"blockedBy"`
	Reason          *string  `json:"reason"`
	ReadableHeaders []string `json:"readableHeaders"`
	HiddenHeaders   []string `json:"hiddenHeaders"`
}

type jsonSimulated struct {
	Config     string            `json:"config"` // the file, or s3://BUCKET
	Configured bool              `json:"configured"`
	Allowed    bool              `json:"allowed"`
	BlockedBy  *string           `json:"blockedBy"`
	Reason     *string           `json:"reason"`
	Preflight  *jsonExchange     `json:"preflight"`
	Actual     *jsonExchange     `json:"actual"`
	Rules      []jsonExplanation `json:"rules"`
}

func (p *probe) toJSON() jsonProbe {
	j := jsonProbe{
		URL: p.req.URL, Origin: p.req.Origin, Method: p.method(), Credentials: p.req.Credentials.String(),
		PreflightReasons: nonNil(p.live.PreflightReasons), Exchanges: []jsonLiveExchange{},
		Live:        jsonLiveVerdict{Outcome: p.outcome(), Allowed: p.live.Allowed, ReadableHeaders: nonNil(p.live.ReadableHeaders), HiddenHeaders: nonNil(p.live.HiddenHeaders)},
		Differences: []probeFinding{}, Notes: []probeFinding{}, Warnings: nonNil(p.warnings),
	}
	if p.outcome() != outcomeNotSent {
		j.Live.BlockedBy, j.Live.Reason = blockJSON(&p.live)
	}
	for _, ex := range []*liveExchange{p.server.preflight, p.server.actual} {
		if ex != nil {
			j.Exchanges = append(j.Exchanges, liveExchangeJSON(ex, ex == p.server.preflight))
		}
	}
	for _, f := range p.findings {
		if f.Note {
			j.Notes = append(j.Notes, f)
		} else {
			j.Differences = append(j.Differences, f)
		}
	}
	if p.sim != nil {
		agrees := len(j.Differences) == 0
		j.Agrees = &agrees
		j.Simulated = p.simulatedJSON()
	}
	return j
}

func (p *probe) simulatedJSON() *jsonSimulated {
	s := &jsonSimulated{Config: p.cfgName, Configured: p.cfg != nil, Allowed: p.sim.Allowed,
		Preflight: exchangeJSON(p.sim.Preflight), Actual: exchangeJSON(p.sim.Actual), Rules: []jsonExplanation{}}
	for _, ex := range []*jsonExchange{s.Preflight, s.Actual} {
		if ex != nil {
			redactFields(ex.Request.Headers) // the script's Authorization, if any
		}
	}
	s.BlockedBy, s.Reason = blockJSON(p.sim)
	for _, r := range p.rules {
		s.Rules = append(s.Rules, jsonExplanation{Index: r.Index, ID: r.ID, Used: r.Selected, OriginMatch: r.OriginMatch, MatchedOrigin: r.MatchedOrigin,
			MethodMatch: r.MethodMatch, HeadersMatch: r.HeadersMatch, UnmatchedHeaders: nonNil(r.UnmatchedHeaders), Hints: nonNil(r.Hints)})
	}
	return s
}

// blockJSON returns the step and reason of a blocked verdict, nulls when
// it is allowed.
func blockJSON(v *simulate.Verdict) (*string, *string) {
	if v.Allowed {
		return nil, nil
	}
	step, reason := string(v.BlockedBy), v.Reason
	return &step, &reason
}

func liveExchangeJSON(ex *liveExchange, preflight bool) jsonLiveExchange {
	return jsonLiveExchange{
		Kind: exchangeKind(preflight), Sent: ex.Sent, Method: ex.Method, Target: ex.Target,
		RequestHeaders: fieldsJSON(ex.Request), Proto: ex.Proto, Status: ex.Status,
		Headers: fieldsJSON(ex.Header), HeadersAsReceived: ex.AsReceived, Body: ex.Body,
	}
}

func fieldsJSON(fs []simulate.Field) []jsonField {
	out := make([]jsonField, len(fs))
	for i, f := range fs {
		out[i] = jsonField{Name: f.Name, Value: f.Value}
	}
	return out
}
