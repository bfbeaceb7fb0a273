package admin

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// ReportLag is how long after a bucket ends the summaries and the forecast
// take its numbers as final. Usage and cost data usually appear within
// minutes of the requests; an hour leaves room for late arrivals. A bucket
// that ends later than now − ReportLag, such as today's, is marked not
// final.
const ReportLag = time.Hour

// Period is one bucket of a summary.
type Period struct {
	Start, End time.Time
	// Final is false when the bucket ended less than ReportLag before the
	// summary's now, or has not ended yet: its numbers may still grow.
	Final bool
}

// Summary is a report rolled up by one dimension: totals per group and
// overall, and per-bucket series of both. V is what is summed: UsageCounts
// for usage, Amount (cents) for cost.
//
// Totals and series include the buckets that are not final yet, the latest
// Pending ones; check Pending (or Period.Final) before reading a total as a
// settled figure.
type Summary[V any] struct {
	// By is the dimension the groups are keyed by; "" for no grouping (one
	// group, keyed "").
	By string
	// Periods are the summarized buckets, oldest first. Series entries are
	// aligned to them.
	Periods []Period
	Total   V
	Series  []V
	// Groups are sorted by Total, largest first (tokens for usage, spend for
	// cost), ties by Key.
	Groups []SummaryGroup[V]
	// Pending is how many periods, all at the end, are not final.
	Pending int
}

// SummaryGroup is the part of a summary with one value of the dimension.
type SummaryGroup[V any] struct {
	// Key is the dimension's value. "" is the API's null: the report was
	// not grouped by the dimension, the dimension does not apply (an API
	// key for Console usage), or, for workspace_id, the Default Workspace.
	// "" is never a real value, so it cannot merge with one.
	Key    string
	Total  V
	Series []V
}

// UsageSummary is a Messages usage report rolled up by SummarizeUsage.
type UsageSummary = Summary[UsageCounts]

// CostSummary is a cost report rolled up by SummarizeCost; amounts are in
// cents, exact.
type CostSummary = Summary[Amount]

// UsageCounts is usage with every token kind broken out.
type UsageCounts struct {
	UncachedInputTokens   int64
	CacheCreation5mTokens int64
	CacheCreation1hTokens int64
	CacheReadTokens       int64
	OutputTokens          int64
	WebSearchRequests     int64
}

// Add returns the sum of c and o.
func (c UsageCounts) Add(o UsageCounts) UsageCounts {
	return UsageCounts{
		UncachedInputTokens:   c.UncachedInputTokens + o.UncachedInputTokens,
		CacheCreation5mTokens: c.CacheCreation5mTokens + o.CacheCreation5mTokens,
		CacheCreation1hTokens: c.CacheCreation1hTokens + o.CacheCreation1hTokens,
		CacheReadTokens:       c.CacheReadTokens + o.CacheReadTokens,
		OutputTokens:          c.OutputTokens + o.OutputTokens,
		WebSearchRequests:     c.WebSearchRequests + o.WebSearchRequests,
	}
}

// InputTokens is every input token: uncached, cache writes and cache reads.
func (c UsageCounts) InputTokens() int64 {
	return c.UncachedInputTokens + c.CacheCreation5mTokens + c.CacheCreation1hTokens + c.CacheReadTokens
}

// Tokens is every token, input and output; web searches are not tokens.
func (c UsageCounts) Tokens() int64 { return c.InputTokens() + c.OutputTokens }

// usageKeys reads each dimension SummarizeUsage can group by.
var usageKeys = map[UsageGroupBy]func(UsageResult) string{
	"":                           func(UsageResult) string { return "" },
	UsageGroupByWorkspaceID:      func(r UsageResult) string { return r.WorkspaceID },
	UsageGroupByAPIKeyID:         func(r UsageResult) string { return r.APIKeyID },
	UsageGroupByAccountID:        func(r UsageResult) string { return r.AccountID },
	UsageGroupByServiceAccountID: func(r UsageResult) string { return r.ServiceAccountID },
	UsageGroupByModel:            func(r UsageResult) string { return r.Model },
	UsageGroupByServiceTier:      func(r UsageResult) string { return string(r.ServiceTier) },
	UsageGroupByContextWindow:    func(r UsageResult) string { return string(r.ContextWindow) },
	UsageGroupByInferenceGeo:     func(r UsageResult) string { return string(r.InferenceGeo) },
	UsageGroupBySpeed:            func(r UsageResult) string { return string(r.Speed) },
}

// SummarizeUsage rolls usage buckets up by one dimension ("" for none).
// The buckets must have been fetched grouped by that dimension (GroupBy), or
// every result falls in the "" group. They must be oldest first, each once,
// as the report and MessagesRange return them. now decides which buckets
// are final (see ReportLag); a zero now marks none final.
func SummarizeUsage(buckets []UsageBucket, by UsageGroupBy, now time.Time) (*UsageSummary, error) {
	key, ok := usageKeys[by]
	if !ok {
		return nil, invalidParam("cannot summarize usage by %q; use one of %s", by, keyNames(usageKeys))
	}
	value := func(r UsageResult) (UsageCounts, error) { return r.Counts(), nil }
	return summarize(buckets, string(by), now, key, value, func(a, b UsageCounts) int { return cmp.Compare(a.Tokens(), b.Tokens()) })
}

// CostField is a field of cost results that SummarizeCost can group by.
// Only workspace_id and description are grouping dimensions of the API;
// the others are parsed from the description, so they are filled only in a
// report grouped by description.
type CostField string

const (
	CostFieldWorkspaceID   CostField = "workspace_id"
	CostFieldDescription   CostField = "description"
	CostFieldModel         CostField = "model"
	CostFieldCostType      CostField = "cost_type"
	CostFieldTokenType     CostField = "token_type"
	CostFieldServiceTier   CostField = "service_tier"
	CostFieldContextWindow CostField = "context_window"
	CostFieldInferenceGeo  CostField = "inference_geo"
)

var costKeys = map[CostField]func(CostResult) string{
	"":                     func(CostResult) string { return "" },
	CostFieldWorkspaceID:   func(r CostResult) string { return r.WorkspaceID },
	CostFieldDescription:   func(r CostResult) string { return r.Description },
	CostFieldModel:         func(r CostResult) string { return r.Model },
	CostFieldCostType:      func(r CostResult) string { return string(r.CostType) },
	CostFieldTokenType:     func(r CostResult) string { return string(r.TokenType) },
	CostFieldServiceTier:   func(r CostResult) string { return string(r.ServiceTier) },
	CostFieldContextWindow: func(r CostResult) string { return string(r.ContextWindow) },
	CostFieldInferenceGeo:  func(r CostResult) string { return string(r.InferenceGeo) },
}

// SummarizeCost rolls cost buckets up by one field ("" for none), summing
// amounts exactly. The buckets must be oldest first, each once, as the
// report and ReportRange return them; for fields other than workspace_id
// the report must have been grouped by description. now decides which
// buckets are final (see ReportLag). A result in a currency other than USD
// is an error, since cents of different currencies cannot be added.
func SummarizeCost(buckets []CostBucket, by CostField, now time.Time) (*CostSummary, error) {
	key, ok := costKeys[by]
	if !ok {
		return nil, invalidParam("cannot summarize cost by %q; use one of %s", by, keyNames(costKeys))
	}
	value := func(r CostResult) (Amount, error) { return r.Amount, checkCurrency(r.Currency) }
	return summarize(buckets, string(by), now, key, value, Amount.Cmp)
}

// checkCurrency accepts USD, the one currency the reports use, and a missing
// currency, which can only mean it.
func checkCurrency(c string) error {
	if c != "" && c != "USD" {
		return fmt.Errorf("admin: an amount is in %q: only USD amounts can be summed", truncate(c, 20))
	}
	return nil
}

func keyNames[K ~string, V any](m map[K]V) string {
	var names []string
	for k := range maps.Keys(m) {
		if k != "" {
			names = append(names, string(k))
		}
	}
	slices.Sort(names)
	return strings.Join(names, ", ") + ` or "" for none`
}

// summarize is SummarizeUsage and SummarizeCost: key picks a result's
// group, value what it adds, and rank orders the groups' totals.
func summarize[R any, V interface{ Add(V) V }](buckets []ReportBucket[R], by string, now time.Time,
	key func(R) string, value func(R) (V, error), rank func(a, b V) int) (*Summary[V], error) {
	s := &Summary[V]{By: by, Periods: make([]Period, len(buckets)), Series: make([]V, len(buckets))}
	groups := map[string]*SummaryGroup[V]{}
	settled := now.Add(-ReportLag)
	for i, b := range buckets {
		if !b.EndingAt.After(b.StartingAt) {
			return nil, fmt.Errorf("admin: bucket %d runs from %s to %s, which is empty or reversed", i, stamp(b.StartingAt), stamp(b.EndingAt))
		}
		if i > 0 && b.StartingAt.Before(buckets[i-1].EndingAt) {
			return nil, fmt.Errorf("admin: bucket %d starts at %s, before bucket %d ends (%s): buckets must be oldest first, each once",
				i, stamp(b.StartingAt), i-1, stamp(buckets[i-1].EndingAt))
		}
		s.Periods[i] = Period{Start: b.StartingAt, End: b.EndingAt, Final: !b.EndingAt.After(settled)}
		if !s.Periods[i].Final {
			s.Pending++
		}
		for _, r := range b.Results {
			v, err := value(r)
			if err != nil {
				return nil, err
			}
			g := groups[key(r)]
			if g == nil {
				g = &SummaryGroup[V]{Key: key(r), Series: make([]V, len(buckets))}
				groups[g.Key] = g
			}
			g.Series[i] = g.Series[i].Add(v)
		}
	}
	// The totals follow from the per-bucket cells: adding each result once,
	// not four times, keeps long reports cheap.
	for _, g := range groups {
		for i, v := range g.Series {
			g.Total = g.Total.Add(v)
			s.Series[i] = s.Series[i].Add(v)
		}
		s.Groups = append(s.Groups, *g)
	}
	for _, v := range s.Series {
		s.Total = s.Total.Add(v)
	}
	slices.SortFunc(s.Groups, func(a, b SummaryGroup[V]) int {
		return cmp.Or(rank(b.Total, a.Total), strings.Compare(a.Key, b.Key))
	})
	return s, nil
}

// ClaudeCodeSummary is Claude Code activity rolled up per actor.
type ClaudeCodeSummary struct {
	// Actors are sorted by estimated cost, highest first, ties by name.
	Actors []ClaudeCodeActivity
	// Total is every actor together; its Name and Type are empty and its
	// DaysActive counts the days anyone was active.
	Total ClaudeCodeActivity
}

// ClaudeCodeActivity is one actor's Claude Code activity over some days.
type ClaudeCodeActivity struct {
	// Name is the user's email address or the API key's name (see
	// ClaudeCodeActor.Name); Type tells which.
	Name          string
	Type          ClaudeCodeActorType
	Sessions      int64
	LinesAdded    int64
	LinesRemoved  int64
	Commits       int64
	PullRequests  int64
	ToolAccepted  int64 // tool proposals accepted, all tools together
	ToolRejected  int64
	EstimatedCost Amount // cents, the sum of the records' estimates
	DaysActive    int    // distinct UTC days with a record
}

// AcceptancePerMille is the share of tool proposals accepted, in
// thousandths rounded half up (923 is 92.3%); ok is false when no proposal
// was accepted or rejected. The exact ratio is ToolAccepted over
// ToolAccepted + ToolRejected.
func (a ClaudeCodeActivity) AcceptancePerMille() (perMille int64, ok bool) {
	decided := a.ToolAccepted + a.ToolRejected
	if decided <= 0 {
		return 0, false
	}
	return (2000*a.ToolAccepted + decided) / (2 * decided), true
}

// add counts one record into a.
func (a *ClaudeCodeActivity) add(r ClaudeCodeRecord) error {
	m := r.CoreMetrics
	a.Sessions += m.NumSessions
	a.LinesAdded += m.LinesOfCode.Added
	a.LinesRemoved += m.LinesOfCode.Removed
	a.Commits += m.CommitsByClaudeCode
	a.PullRequests += m.PullRequestsByClaudeCode
	for _, t := range r.ToolActions {
		a.ToolAccepted += t.Accepted
		a.ToolRejected += t.Rejected
	}
	for _, u := range r.ModelBreakdown {
		if err := checkCurrency(u.EstimatedCost.Currency); err != nil {
			return err
		}
		a.EstimatedCost = a.EstimatedCost.Add(u.EstimatedCost.Amount)
	}
	return nil
}

// SummarizeClaudeCode rolls Claude Code records up per actor, such as the
// records of ClaudeCodeRange. An actor's local and remote records of a day
// count as one active day.
func SummarizeClaudeCode(records []ClaudeCodeRecord) (*ClaudeCodeSummary, error) {
	type actorKey struct {
		typ  ClaudeCodeActorType
		name string
	}
	actors := map[actorKey]*ClaudeCodeActivity{}
	days := map[actorKey]map[time.Time]bool{}
	anyone := map[time.Time]bool{}
	s := &ClaudeCodeSummary{}
	for _, r := range records {
		k := actorKey{r.Actor.Type, r.Actor.Name()}
		a := actors[k]
		if a == nil {
			a = &ClaudeCodeActivity{Name: k.name, Type: k.typ}
			actors[k], days[k] = a, map[time.Time]bool{}
		}
		if err := a.add(r); err != nil {
			return nil, err
		}
		_ = s.Total.add(r) // a.add checked the currency
		days[k][startOfDay(r.Date)] = true
		anyone[startOfDay(r.Date)] = true
	}
	for k, a := range actors {
		a.DaysActive = len(days[k])
		s.Actors = append(s.Actors, *a)
	}
	s.Total.DaysActive = len(anyone)
	slices.SortFunc(s.Actors, func(a, b ClaudeCodeActivity) int {
		return cmp.Or(b.EstimatedCost.Cmp(a.EstimatedCost), strings.Compare(a.Name, b.Name), strings.Compare(string(a.Type), string(b.Type)))
	})
	return s, nil
}
