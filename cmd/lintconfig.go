package cmd

import (
	"github.com/s3cors/s3cors/corsconf/lint"
)

// lintConfigName is the configuration file lint looks for, walking up from
// each linted file's directory.
const lintConfigName = ".s3cors.yaml"

// lintConfig is a parsed .s3cors.yaml:
//
//	rules:
//	  wildcard-origin: off        # off, error, warning or notice
//	  max-age-missing: warning
//	ignore:
//	  - rules: [origin-insecure-http]
//	    paths: ["dev/**", "*.local.xml"]
type lintConfig struct {
	Path   string            // where it was read, "" for none
	Rules  map[string]string // rule ID -> "off", "error", "warning" or "notice"
	Ignore []lintIgnore
}

// lintIgnore turns rules off for files matching path globs, relative to the
// configuration file's directory.
type lintIgnore struct {
	Rules []string
	Paths []string
}

// loadLintConfig returns the configuration for file: the one named by
// explicit when not "", else the nearest .s3cors.yaml above file, else an
// empty configuration. (Being written: returns an empty configuration.)
func loadLintConfig(explicit, file string) (*lintConfig, error) {
	return &lintConfig{}, nil
}

// options returns the lint options for file under c, with --enable and
// --disable applied on top. (Being written: applies nothing.)
func (c *lintConfig) options(file string, enable, disable []string) (lint.Options, error) {
	return lint.Options{}, nil
}
