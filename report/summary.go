package report

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// Lag is how long after a bucket ends the summaries and the forecast take
// its numbers as final. Usage and cost data usually appear within minutes
// of the requests; an hour leaves room for late arrivals. A bucket that
// ends later than now − Lag, such as today's, is marked not final.
const Lag = time.Hour

// Period is one bucket of a summary.
type Period struct {
	Start, End time.Time
	// Final is false when the bucket ended less than Lag before the
	// summary's now, or has not ended yet: its numbers may still grow.
	Final bool
}

// Summary is a report rolled up by one dimension: totals per group and
// overall, and per-bucket series of both. V is what is summed: UsageCounts
// for usage, [admin.Amount] (cents) for cost.
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
	Groups []Group[V]
	// Pending is how many periods, all at the end, are not final.
	Pending int
}

// Group is the part of a summary with one value of the dimension.
type Group[V any] struct {
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
type CostSummary = Summary[admin.Amount]

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

// CountsOf is a usage result's counts with every token kind broken out, the
// form the summaries add up.
func CountsOf(r admin.UsageResult) UsageCounts {
	return UsageCounts{
		UncachedInputTokens:   r.UncachedInputTokens,
		CacheCreation5mTokens: r.CacheCreation.Ephemeral5mInputTokens,
		CacheCreation1hTokens: r.CacheCreation.Ephemeral1hInputTokens,
		CacheReadTokens:       r.CacheReadInputTokens,
		OutputTokens:          r.OutputTokens,
		WebSearchRequests:     r.ServerToolUse.WebSearchRequests,
	}
}

// usageKeys reads each dimension SummarizeUsage can group by.
var usageKeys = map[admin.UsageGroupBy]func(admin.UsageResult) string{
	"":                                 func(admin.UsageResult) string { return "" },
	admin.UsageGroupByWorkspaceID:      func(r admin.UsageResult) string { return r.WorkspaceID },
	admin.UsageGroupByAPIKeyID:         func(r admin.UsageResult) string { return r.APIKeyID },
	admin.UsageGroupByAccountID:        func(r admin.UsageResult) string { return r.AccountID },
	admin.UsageGroupByServiceAccountID: func(r admin.UsageResult) string { return r.ServiceAccountID },
	admin.UsageGroupByModel:            func(r admin.UsageResult) string { return r.Model },
	admin.UsageGroupByServiceTier:      func(r admin.UsageResult) string { return string(r.ServiceTier) },
	admin.UsageGroupByContextWindow:    func(r admin.UsageResult) string { return string(r.ContextWindow) },
	admin.UsageGroupByInferenceGeo:     func(r admin.UsageResult) string { return string(r.InferenceGeo) },
	admin.UsageGroupBySpeed:            func(r admin.UsageResult) string { return string(r.Speed) },
}

// SummarizeUsage rolls usage buckets up by one dimension ("" for none).
// The buckets must have been fetched grouped by that dimension (the
// GroupBy of [admin.UsageMessagesParams]), or every result falls in the ""
// group. They must be oldest first, each once, as the report and
// [admin.UsageService.MessagesRange] return them. now decides which
// buckets are final (see Lag); a zero now marks none final. It is a
// UsageSummarizer fed every bucket.
func SummarizeUsage(buckets []admin.UsageBucket, by admin.UsageGroupBy, now time.Time) (*UsageSummary, error) {
	s, err := NewUsageSummarizer(by, now)
	if err != nil {
		return nil, err
	}
	return summarizeAll(&s.acc, buckets)
}

// UsageSummarizer builds a UsageSummary bucket by bucket, so a report of
// any length can be summarized as it is fetched (from
// [admin.UsageService.MessagesRange]) without holding its buckets: it keeps
// one cell per group and bucket, not the results.
type UsageSummarizer struct {
	acc summarizer[admin.UsageResult, UsageCounts]
}

// NewUsageSummarizer starts an empty usage summary grouped by one dimension
// ("" for none); by and now mean what they mean for SummarizeUsage.
func NewUsageSummarizer(by admin.UsageGroupBy, now time.Time) (*UsageSummarizer, error) {
	key, ok := usageKeys[by]
	if !ok {
		return nil, invalidParam("cannot summarize usage by %q; use one of %s", by, keyNames(usageKeys))
	}
	value := func(r admin.UsageResult) (UsageCounts, error) { return CountsOf(r), nil }
	return &UsageSummarizer{newSummarizer(string(by), now, key, value, func(a, b UsageCounts) int { return cmp.Compare(a.Tokens(), b.Tokens()) })}, nil
}

// Add counts the next bucket in. Buckets must come oldest first, each once;
// one that starts before the previous one ends, or is empty, is an error
// and is not counted.
func (s *UsageSummarizer) Add(b admin.UsageBucket) error { return s.acc.add(b) }

// Summary is the summary of the buckets added so far. It shares nothing
// with the summarizer, which can go on adding.
func (s *UsageSummarizer) Summary() *UsageSummary { return s.acc.summary() }

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

var costKeys = map[CostField]func(admin.CostResult) string{
	"":                     func(admin.CostResult) string { return "" },
	CostFieldWorkspaceID:   func(r admin.CostResult) string { return r.WorkspaceID },
	CostFieldDescription:   func(r admin.CostResult) string { return r.Description },
	CostFieldModel:         func(r admin.CostResult) string { return r.Model },
	CostFieldCostType:      func(r admin.CostResult) string { return string(r.CostType) },
	CostFieldTokenType:     func(r admin.CostResult) string { return string(r.TokenType) },
	CostFieldServiceTier:   func(r admin.CostResult) string { return string(r.ServiceTier) },
	CostFieldContextWindow: func(r admin.CostResult) string { return string(r.ContextWindow) },
	CostFieldInferenceGeo:  func(r admin.CostResult) string { return string(r.InferenceGeo) },
}

// SummarizeCost rolls cost buckets up by one field ("" for none), summing
// amounts exactly. The buckets must be oldest first, each once, as the
// report and [admin.CostService.ReportRange] return them; for fields other
// than workspace_id the report must have been grouped by description. now
// decides which buckets are final (see Lag). A result in a currency other
// than USD is an error, since cents of different currencies cannot be
// added. It is a CostSummarizer fed every bucket.
func SummarizeCost(buckets []admin.CostBucket, by CostField, now time.Time) (*CostSummary, error) {
	s, err := NewCostSummarizer(by, now)
	if err != nil {
		return nil, err
	}
	return summarizeAll(&s.acc, buckets)
}

// CostSummarizer builds a CostSummary bucket by bucket, as UsageSummarizer
// does for usage.
type CostSummarizer struct {
	acc summarizer[admin.CostResult, admin.Amount]
}

// NewCostSummarizer starts an empty cost summary grouped by one field (""
// for none); by and now mean what they mean for SummarizeCost.
func NewCostSummarizer(by CostField, now time.Time) (*CostSummarizer, error) {
	key, ok := costKeys[by]
	if !ok {
		return nil, invalidParam("cannot summarize cost by %q; use one of %s", by, keyNames(costKeys))
	}
	value := func(r admin.CostResult) (admin.Amount, error) { return r.Amount, checkCurrency(r.Currency) }
	return &CostSummarizer{newSummarizer(string(by), now, key, value, admin.Amount.Cmp)}, nil
}

// Add counts the next bucket in, as UsageSummarizer.Add does; a bucket with
// an amount in a currency other than USD is an error and is not counted.
func (s *CostSummarizer) Add(b admin.CostBucket) error { return s.acc.add(b) }

// Summary is the summary of the buckets added so far. It shares nothing
// with the summarizer, which can go on adding.
func (s *CostSummarizer) Summary() *CostSummary { return s.acc.summary() }

// checkCurrency accepts USD, the one currency the reports use, and a missing
// currency, which can only mean it.
func checkCurrency(c string) error {
	if c != "" && c != "USD" {
		return fmt.Errorf("report: an amount is in %.20q: only USD amounts can be summed", c)
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

// summarizer is UsageSummarizer and CostSummarizer: key picks a result's
// group, value what it adds, and rank orders the groups' totals. It holds
// one cell per group and bucket, never the results.
type summarizer[R any, V interface{ Add(V) V }] struct {
	by      string
	settled time.Time // buckets ending by then are final
	key     func(R) string
	value   func(R) (V, error)
	rank    func(a, b V) int

	periods []Period
	pending int
	total   V
	series  []V
	groups  map[string]*Group[V]
	// values and cells are the current bucket's, kept to reuse their room.
	values []V
	cells  map[string]V
}

func newSummarizer[R any, V interface{ Add(V) V }](by string, now time.Time, key func(R) string, value func(R) (V, error), rank func(a, b V) int) summarizer[R, V] {
	return summarizer[R, V]{by: by, settled: now.Add(-Lag), key: key, value: value, rank: rank,
		groups: map[string]*Group[V]{}, cells: map[string]V{}}
}

// summarizeAll adds every bucket and returns the summary.
func summarizeAll[R any, V interface{ Add(V) V }](s *summarizer[R, V], buckets []admin.ReportBucket[R]) (*Summary[V], error) {
	for _, b := range buckets {
		if err := s.add(b); err != nil {
			return nil, err
		}
	}
	return s.summary(), nil
}

func (s *summarizer[R, V]) add(b admin.ReportBucket[R]) error {
	i := len(s.periods)
	if !b.EndingAt.After(b.StartingAt) {
		return fmt.Errorf("report: bucket %d runs from %s to %s, which is empty or reversed", i, stamp(b.StartingAt), stamp(b.EndingAt))
	}
	if i > 0 && b.StartingAt.Before(s.periods[i-1].End) {
		return fmt.Errorf("report: bucket %d starts at %s, before bucket %d ends (%s): buckets must be oldest first, each once",
			i, stamp(b.StartingAt), i-1, stamp(s.periods[i-1].End))
	}
	// Every value first, so that a bucket that fails leaves no trace.
	s.values = s.values[:0]
	for _, r := range b.Results {
		v, err := s.value(r)
		if err != nil {
			return err
		}
		s.values = append(s.values, v)
	}
	p := Period{Start: b.StartingAt, End: b.EndingAt, Final: !b.EndingAt.After(s.settled)}
	if !p.Final {
		s.pending++
	}
	s.periods = append(s.periods, p)
	// The bucket's results are added up per group first: the group totals
	// and the bucket's total then take one addition per group, not per
	// result, which keeps long reports cheap.
	clear(s.cells)
	for j, r := range b.Results {
		k := s.key(r)
		s.cells[k] = s.cells[k].Add(s.values[j])
	}
	var sum V
	for k, v := range s.cells {
		g := s.groups[k]
		if g == nil {
			g = &Group[V]{Key: k}
			s.groups[k] = g
		}
		g.Series = append(padded(g.Series, i), v)
		g.Total = g.Total.Add(v)
		sum = sum.Add(v)
	}
	s.series = append(s.series, sum)
	s.total = s.total.Add(sum)
	return nil
}

// padded is series with zero values appended up to n entries: a group has
// no cell in the buckets where it had no result.
func padded[V any](series []V, n int) []V {
	if len(series) >= n {
		return series
	}
	return append(series, make([]V, n-len(series))...)
}

func (s *summarizer[R, V]) summary() *Summary[V] {
	out := &Summary[V]{By: s.by, Periods: slices.Clone(s.periods), Total: s.total, Series: slices.Clone(s.series), Pending: s.pending}
	if out.Periods == nil {
		out.Periods, out.Series = []Period{}, []V{}
	}
	n := len(s.periods)
	for _, g := range s.groups {
		out.Groups = append(out.Groups, Group[V]{Key: g.Key, Total: g.Total, Series: padded(slices.Clip(slices.Clone(g.Series)), n)})
	}
	slices.SortFunc(out.Groups, func(a, b Group[V]) int {
		return cmp.Or(s.rank(b.Total, a.Total), strings.Compare(a.Key, b.Key))
	})
	return out
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
	// [admin.ClaudeCodeActor.Name]); Type tells which.
	Name          string
	Type          admin.ClaudeCodeActorType
	Sessions      int64
	LinesAdded    int64
	LinesRemoved  int64
	Commits       int64
	PullRequests  int64
	ToolAccepted  int64 // tool proposals accepted, all tools together
	ToolRejected  int64
	EstimatedCost admin.Amount // cents, the sum of the records' estimates
	DaysActive    int          // distinct UTC days with a record
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

// add counts one record into a; the record's currencies must have been
// checked (checkRecord).
func (a *ClaudeCodeActivity) add(r admin.ClaudeCodeRecord) {
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
		a.EstimatedCost = a.EstimatedCost.Add(u.EstimatedCost.Amount)
	}
}

// checkRecord accepts a record whose estimated costs can be added up.
func checkRecord(r admin.ClaudeCodeRecord) error {
	for _, u := range r.ModelBreakdown {
		if err := checkCurrency(u.EstimatedCost.Currency); err != nil {
			return err
		}
	}
	return nil
}

// SummarizeClaudeCode rolls Claude Code records up per actor, such as the
// records of [admin.UsageService.ClaudeCodeRange]. An actor's local and
// remote records of a day count as one active day. It is a
// ClaudeCodeSummarizer fed every record.
func SummarizeClaudeCode(records []admin.ClaudeCodeRecord) (*ClaudeCodeSummary, error) {
	s := NewClaudeCodeSummarizer()
	for _, r := range records {
		if err := s.Add(r); err != nil {
			return nil, err
		}
	}
	return s.Summary(), nil
}

// ClaudeCodeSummarizer builds a ClaudeCodeSummary record by record, so the
// records of a long range need not be held: it keeps one activity and one
// set of active days per actor.
type ClaudeCodeSummarizer struct {
	actors map[claudeCodeActorKey]*ClaudeCodeActivity
	days   map[claudeCodeActorKey]map[time.Time]bool
	anyone map[time.Time]bool
	total  ClaudeCodeActivity
}

type claudeCodeActorKey struct {
	typ  admin.ClaudeCodeActorType
	name string
}

// NewClaudeCodeSummarizer starts an empty Claude Code summary.
func NewClaudeCodeSummarizer() *ClaudeCodeSummarizer {
	return &ClaudeCodeSummarizer{actors: map[claudeCodeActorKey]*ClaudeCodeActivity{},
		days: map[claudeCodeActorKey]map[time.Time]bool{}, anyone: map[time.Time]bool{}}
}

// Add counts one record in, in any order. A record with an estimated cost
// in a currency other than USD is an error and is not counted.
func (s *ClaudeCodeSummarizer) Add(r admin.ClaudeCodeRecord) error {
	if err := checkRecord(r); err != nil {
		return err
	}
	k := claudeCodeActorKey{r.Actor.Type, r.Actor.Name()}
	a := s.actors[k]
	if a == nil {
		a = &ClaudeCodeActivity{Name: k.name, Type: k.typ}
		s.actors[k], s.days[k] = a, map[time.Time]bool{}
	}
	a.add(r)
	s.total.add(r)
	s.days[k][startOfDay(r.Date)] = true
	s.anyone[startOfDay(r.Date)] = true
	return nil
}

// Summary is the summary of the records added so far. It shares nothing
// with the summarizer, which can go on adding.
func (s *ClaudeCodeSummarizer) Summary() *ClaudeCodeSummary {
	out := &ClaudeCodeSummary{Total: s.total}
	for k, a := range s.actors {
		act := *a
		act.DaysActive = len(s.days[k])
		out.Actors = append(out.Actors, act)
	}
	out.Total.DaysActive = len(s.anyone)
	slices.SortFunc(out.Actors, func(a, b ClaudeCodeActivity) int {
		return cmp.Or(b.EstimatedCost.Cmp(a.EstimatedCost), strings.Compare(a.Name, b.Name), strings.Compare(string(a.Type), string(b.Type)))
	})
	return out
}

// invalidParam is an error for input refused before any work, wrapping
// admin.ErrInvalidParam as the client's own refusals do.
func invalidParam(format string, args ...any) error {
	return &admin.ParamError{Reason: fmt.Sprintf(format, args...)}
}

// stamp is a time as an error message shows it.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
