package audit

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/anthropic-admin-go/admin"
)

// WriteTable writes the findings grouped by severity, most severe first,
// with a count per severity and the notes.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	b.WriteString(r.headline())
	for _, sev := range []Severity{High, Medium, Low} {
		if r.Count(sev) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(string(sev)))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tOBJECT\tWHY\tFIX")
		for _, f := range r.Findings {
			if f.Severity == sev {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Rule, f.Object.String(), f.Why, f.Fix)
			}
		}
		tw.Flush()
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// headline is the count of findings by severity, one line.
func (r *Report) headline() string {
	return fmt.Sprintf("%d findings: %d high, %d medium, %d low\n", len(r.Findings), r.Count(High), r.Count(Medium), r.Count(Low))
}

// WriteSummary writes one line per rule with its count, most severe first.
func (r *Report) WriteSummary(w io.Writer) error {
	var b strings.Builder
	b.WriteString(r.headline())
	var rules []string
	count := map[string]int{}
	sev := map[string]Severity{}
	for _, f := range r.Findings {
		if count[f.Rule] == 0 {
			rules = append(rules, f.Rule)
		}
		count[f.Rule]++
		sev[f.Rule] = f.Severity
	}
	for _, rule := range rules {
		fmt.Fprintf(&b, "  %-6s  %-26s  %d\n", sev[rule], rule, count[rule])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteCSV writes one row per finding.
func (r *Report) WriteCSV(w io.Writer, cell func(string) string) error {
	if cell == nil {
		cell = func(s string) string { return s }
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"severity", "rule", "object_kind", "object_id", "object_name", "why", "fix"})
	for _, f := range r.Findings {
		cw.Write([]string{string(f.Severity), f.Rule, f.Object.Kind, cell(f.Object.ID), cell(f.Object.Name), cell(f.Why), cell(f.Fix)})
	}
	cw.Flush()
	return cw.Error()
}

// SARIF 2.1.0: one run, one rule per audit rule, one result per finding.
// A finding has no file to point at, so each result names its object with
// a logical location (kind and ID), which code-scanning dashboards show.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	ShortDescription     sarifText   `json:"shortDescription"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	LogicalLocations []sarifLogical `json:"logicalLocations"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// level maps a severity to a SARIF level.
func (s Severity) level() string {
	switch s {
	case High:
		return "error"
	case Medium:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes the report as a SARIF 2.1.0 log.
func (r *Report) WriteSARIF(w io.Writer) error {
	driver := sarifDriver{Name: "anthropic-admin audit", Version: admin.Version,
		InformationURI: "https://github.com/anthropic-admin-go/admin", Rules: []sarifRule{}}
	seen := map[string]bool{}
	results := []sarifResult{}
	for _, f := range r.Findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			driver.Rules = append(driver.Rules, sarifRule{ID: f.Rule, ShortDescription: sarifText{f.Rule}, DefaultConfiguration: sarifConfig{f.Severity.level()}})
		}
		name := f.Object.String()
		results = append(results, sarifResult{RuleID: f.Rule, Level: f.Severity.level(),
			Message:             sarifText{fmt.Sprintf("%s: %s. Fix: %s", name, f.Why, f.Fix)},
			Locations:           []sarifLocation{{LogicalLocations: []sarifLogical{{Name: name, FullyQualifiedName: f.Object.Kind + "/" + f.Object.ID, Kind: "object"}}}},
			PartialFingerprints: map[string]string{"object/v1": f.Rule + ":" + f.Object.ID}})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}})
}
