package cmd

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/corsconf/lint"
)

const (
	projectURI = "https://github.com/s3cors/s3cors"
	docsURI    = projectURI + "/blob/main/docs/"
)

// ruleHelpURI returns where rule id is documented.
func ruleHelpURI(id string, validation bool) string {
	if validation {
		return docsURI + "validation.md"
	}
	return docsURI + "rules.md#" + id
}

// The SARIF 2.1.0 log, as much of it as s3cors fills, in the shape GitHub
// code scanning accepts.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           *sarifProperties   `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

const sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s corsconf.Severity) string {
	switch s {
	case corsconf.SeverityError:
		return "error"
	case corsconf.SeverityWarning:
		return "warning"
	}
	return "note"
}

// writeSARIF prints the report as one SARIF 2.1.0 run (see sarifLog).
func (r *lintReport) writeSARIF(w io.Writer) error {
	return writeJSON(w, r.sarifLog())
}

// sarifLog returns the report as one SARIF 2.1.0 run. Every rule of the
// catalogue and every check of validate is described, with or without
// results, so that code scanning knows them all. Columns are counted in
// Unicode code points, as SARIF's columnKind says. The run has one
// invocation, with a notification per failure, in order, and a result per
// finding, in order.
func (r *lintReport) sarifLog() sarifLog {
	rules, index := sarifRules()
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: appName, InformationURI: projectURI, Version: r.version}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.failures) == 0}},
		ColumnKind:  "unicodeCodePoints",
		Results:     make([]sarifResult, 0, len(r.findings)),
	}
	for _, fl := range r.failures {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, sarifNotification{
			Level: "error", Message: sarifText{fl.msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifact(fl.name)}}},
		})
	}
	for _, f := range r.findings {
		i, ok := index[f.Rule]
		if !ok { // a rule outside the catalogue: describe what is known
			i = len(rules)
			index[f.Rule] = i
			rules = append(rules, sarifRule{ID: f.Rule, Name: sarifName(f.Rule), ShortDescription: sarifText{f.Rule},
				FullDescription: sarifText{f.Rule}, Help: sarifHelp{Text: f.Rule, Markdown: "`" + f.Rule + "`"},
				HelpURI: ruleHelpURI(f.Rule, false), DefaultConfiguration: sarifConfiguration{sarifLevel(f.Severity)}})
		}
		run.Results = append(run.Results, r.sarifResult(f, i))
	}
	run.Tool.Driver.Rules = rules
	return sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}
}

func (r *lintReport) sarifResult(f lint.Finding, ruleIndex int) sarifResult {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifact(f.File)}}
	if f.Pos.IsValid() {
		loc.PhysicalLocation.Region = r.sarifRegion(f.File, f.Pos)
	}
	if f.Path != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Path, Kind: "element"}}
	}
	res := sarifResult{
		RuleID: f.Rule, RuleIndex: ruleIndex, Level: sarifLevel(f.Severity),
		Message:   sarifText{messageWithHint(f.Diagnostic)},
		Locations: []sarifLocation{loc},
		// Stable while lines move: the file, the element and what is wrong.
		PartialFingerprints: map[string]string{"s3corsFinding/v1": fingerprint(f.File, f.Path, f.Rule, f.Message)},
	}
	props := map[string]any{}
	if len(f.Fix) > 0 {
		props["fixable"] = true
	}
	if f.S3 != nil {
		props["s3Code"], props["s3Message"] = f.S3.Code, f.S3.Message
	}
	if len(props) > 0 {
		res.Properties = props
	}
	return res
}

// sarifRegion converts pos (columns in bytes) into a region whose columns
// count code points, with the end of the value when it is on the line.
func (r *lintReport) sarifRegion(file string, pos corsconf.Pos) *sarifRegion {
	reg := &sarifRegion{StartLine: pos.Line, StartColumn: pos.Col}
	lf := r.file(file)
	if lf == nil {
		return reg
	}
	line, ok := lf.line(pos.Line)
	start := pos.Col - 1
	if !ok || start < 0 || start > len(line) {
		return reg
	}
	end := valueSpan(line, start, lf.doc.Format)
	reg.StartColumn = utf8.RuneCount(line[:start]) + 1
	if end > start {
		reg.EndColumn = utf8.RuneCount(line[:end]) + 1
	}
	return reg
}

func fingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// sarifArtifact locates a file: a relative path becomes a relative URI
// with forward slashes (relative to the source root, %SRCROOT%, which is
// where code scanning resolves it); an absolute one under the working
// directory is made relative to it, any other a file: URI.
func sarifArtifact(name string) sarifArtifactLocation {
	if name == stdinName {
		return sarifArtifactLocation{URI: "stdin"}
	}
	p := filepath.Clean(name)
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
				p = rel
			}
		}
	}
	if filepath.IsAbs(p) {
		slash := filepath.ToSlash(p)
		if !strings.HasPrefix(slash, "/") {
			slash = "/" + slash // C:/x is file:///C:/x
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: slash}).String()}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(p)}).String(), URIBaseID: "%SRCROOT%"}
}

// sarifName turns a rule ID into the PascalCase name SARIF suggests:
// origin-trailing-slash is OriginTrailingSlash.
func sarifName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// sarifRules describes the lint rules and then the checks of validate,
// and returns the index of each ID.
func sarifRules() ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	add := func(r sarifRule) {
		index[r.ID] = len(rules)
		rules = append(rules, r)
	}
	for _, r := range lint.Rules() {
		text := fmt.Sprintf("%s\n\nReported:\n\n%s\n\nNot reported:\n\n%s\n", r.Rationale, r.Bad, r.Good)
		md := fmt.Sprintf("%s\n\nReported:\n\n```xml\n%s\n```\n\nNot reported:\n\n```xml\n%s\n```\n", r.Rationale, r.Bad, r.Good)
		tags := []string{"cors"}
		if r.Validation {
			tags = append(tags, "s3-rejects")
		}
		add(sarifRule{
			ID: r.ID, Name: sarifName(r.ID),
			ShortDescription: sarifText{r.Summary}, FullDescription: sarifText{r.Rationale},
			Help:    sarifHelp{Text: text, Markdown: md},
			HelpURI: ruleHelpURI(r.ID, r.Validation), DefaultConfiguration: sarifConfiguration{sarifLevel(r.Severity)},
			Properties: &sarifProperties{Tags: tags},
		})
	}
	for _, v := range corsconf.Checks() {
		if _, ok := index[v.ID]; ok {
			continue
		}
		full := capitalize(v.Summary) + ". " + capitalize(v.Answer) + "."
		add(sarifRule{
			ID: v.ID, Name: sarifName(v.ID),
			ShortDescription: sarifText{v.Summary}, FullDescription: sarifText{full},
			Help: sarifHelp{Text: full + " See " + ruleHelpURI(v.ID, true),
				Markdown: full + " See [the checks of validate](" + ruleHelpURI(v.ID, true) + ")."},
			HelpURI: ruleHelpURI(v.ID, true), DefaultConfiguration: sarifConfiguration{"error"},
			Properties: &sarifProperties{Tags: []string{"cors", "s3-rejects"}},
		})
	}
	return rules, index
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
