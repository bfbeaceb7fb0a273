package report_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// TestSummarizersStreamWhatTheSlicesGive: a summarizer fed bucket by bucket
// gives at every step the summary of the buckets so far, the same as
// SummarizeUsage or SummarizeCost on that prefix; an earlier Summary is not
// changed by later Adds; and a bucket that fails is not counted.
func TestSummarizersStreamWhatTheSlicesGive(t *testing.T) {
	now := mustTime(t, "2026-11-20T15:30:00Z")
	usage := decodeBuckets[admin.UsageResult](t, threeUsageDays)
	cost := decodeBuckets[admin.CostResult](t, twoCostDays)
	euro := decodeBuckets[admin.CostResult](t, strings.Replace(twoCostDays, `"0.30","currency":"USD"`, `"0.30","currency":"EUR"`, 1))
	tests := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"usage by model", func(t *testing.T) {
			s, err := report.NewUsageSummarizer(admin.UsageGroupByModel, now)
			if err != nil {
				t.Fatal(err)
			}
			var first *report.UsageSummary
			for i, b := range usage {
				if err := s.Add(b); err != nil {
					t.Fatal(err)
				}
				want, err := report.SummarizeUsage(usage[:i+1], admin.UsageGroupByModel, now)
				if err != nil {
					t.Fatal(err)
				}
				got := s.Summary()
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("after %d buckets: %+v\nwant %+v", i+1, got, want)
				}
				if i == 0 {
					first = got
				}
			}
			if want, _ := report.SummarizeUsage(usage[:1], admin.UsageGroupByModel, now); !reflect.DeepEqual(first, want) {
				t.Errorf("a later Add changed an earlier summary: %+v", first)
			}
			if err := s.Add(usage[0]); err == nil || !strings.Contains(err.Error(), "oldest first") {
				t.Errorf("a repeated bucket: err = %v", err)
			}
		}},
		{"cost by workspace, with a bucket refused", func(t *testing.T) {
			s, err := report.NewCostSummarizer(report.CostFieldWorkspaceID, now)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Add(cost[0]); err != nil {
				t.Fatal(err)
			}
			before := s.Summary()
			if err := s.Add(euro[1]); err == nil || !strings.Contains(err.Error(), `"EUR"`) {
				t.Fatalf("a euro amount: err = %v", err)
			}
			if got := s.Summary(); !reflect.DeepEqual(got, before) {
				t.Fatalf("a refused bucket was counted: %+v\nwant %+v", got, before)
			}
			if err := s.Add(cost[1]); err != nil {
				t.Fatal(err)
			}
			want, err := report.SummarizeCost(cost, report.CostFieldWorkspaceID, now)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Summary(); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		}},
		{"nothing added", func(t *testing.T) {
			s, err := report.NewCostSummarizer("", now)
			if err != nil {
				t.Fatal(err)
			}
			got := s.Summary()
			if len(got.Periods) != 0 || len(got.Groups) != 0 || !got.Total.IsZero() || got.Pending != 0 {
				t.Errorf("empty summary = %+v", got)
			}
		}},
		{"unknown dimensions", func(t *testing.T) {
			if _, err := report.NewUsageSummarizer("colour", now); err == nil {
				t.Error("usage by colour: no error")
			}
			if _, err := report.NewCostSummarizer("api_key_id", now); err == nil {
				t.Error("cost by api_key_id: no error")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

func TestClaudeCodeSummarizerStreams(t *testing.T) {
	var records []admin.ClaudeCodeRecord
	if err := json.Unmarshal([]byte(claudeCodeRecords), &records); err != nil {
		t.Fatal(err)
	}
	s := report.NewClaudeCodeSummarizer()
	for i, r := range records {
		if err := s.Add(r); err != nil {
			t.Fatal(err)
		}
		want, err := report.SummarizeClaudeCode(records[:i+1])
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Summary(); !reflect.DeepEqual(got, want) {
			t.Fatalf("after %d records: %+v\nwant %+v", i+1, got, want)
		}
	}
	before := s.Summary()
	bad := records[0]
	bad.ModelBreakdown = append(bad.ModelBreakdown[:0:0], bad.ModelBreakdown...)
	bad.ModelBreakdown[0].EstimatedCost.Currency = "EUR"
	if err := s.Add(bad); err == nil {
		t.Fatal("a euro estimate: no error")
	}
	if got := s.Summary(); !reflect.DeepEqual(got, before) {
		t.Errorf("a refused record was counted: %+v\nwant %+v", got, before)
	}
}

func TestForecastMonthOfASummary(t *testing.T) {
	now := mustTime(t, "2026-11-10T06:00:00Z")
	buckets := novemberTenth(t)
	want, err := report.ForecastMonth(buckets, now)
	if err != nil {
		t.Fatal(err)
	}
	s, err := report.NewCostSummarizer(report.CostFieldWorkspaceID, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range buckets {
		if err := s.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	got, err := report.ForecastMonthOf(s.Summary(), now)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || got.Projected.Sign() <= 0 {
		t.Errorf("from a summary: %+v\nfrom the buckets: %+v", got, want)
	}
}
