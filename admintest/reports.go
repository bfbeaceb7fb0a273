package admintest

import (
	"bufio"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The three report endpoints answer from the generated traffic in
// traffic.go, priced with prices.go. Time-bucketed reports page by bucket:
// a page token is "page_" and the base64 of the next bucket's start, the
// shape the API's own tokens have.

// widthRule is a bucket width a report accepts and its limits.
type widthRule struct {
	name          string
	size          time.Duration
	defLimit, max int
}

var (
	usageWidths = []widthRule{{"1d", 24 * time.Hour, 7, 31}, {"1h", time.Hour, 24, 168}, {"1m", time.Minute, 60, 1440}}
	costWidths  = usageWidths[:1] // daily only
)

// bucketPage is the buckets one page of a report holds.
type bucketPage struct {
	size   time.Duration
	starts []time.Time
	next   any // the next page's token, or nil
}

// bucketsParam reads starting_at, ending_at, bucket_width, limit and page.
//
// The buckets are the ones that start at or after starting_at, snapped down
// to its bucket, and end at or before ending_at, the documented rule read
// literally (docs-notes §10 item 19). ending_at defaults to now: the cost
// report then ends at today's midnight, as the live API does, and the usage
// report, whose default is not documented, at the start of the current
// bucket by the same rule. A request that holds no such bucket is refused
// with the live API's 400. The running bucket, and later ones, are given
// when ending_at reaches their end, unless the fake was made
// WithoutRunningBuckets.
func (c *call) bucketsParam(widths []widthRule) (*bucketPage, *apiError) {
	w := widths[0]
	if v := c.q.Get("bucket_width"); v != "" {
		i := slices.IndexFunc(widths, func(r widthRule) bool { return r.name == v })
		if i < 0 {
			return nil, errInvalid("bucket_width: %q is not one of %s", v, strings.Join(widthNames(widths), ", "))
		}
		w = widths[i]
	}
	start, err := timeParam(c, "starting_at")
	if err != nil {
		return nil, err
	}
	if start == nil {
		return nil, errInvalid("starting_at: Field required")
	}
	end, err := timeParam(c, "ending_at")
	if err != nil {
		return nil, err
	}
	limit, err := limitParam(c.q, w.defLimit, w.max)
	if err != nil {
		return nil, err
	}
	first := start.Truncate(w.size)
	until := c.now.UTC()
	if end != nil && (!c.noRunning || end.Before(until)) {
		until = *end
	}
	stop := until.Truncate(w.size) // the end of the last bucket, and the first start outside the range
	if !stop.After(first) {
		e := errInvalid("Invalid date range: ending date must be after starting date")
		e.noRetry = true
		return nil, e
	}
	from := first
	if p := c.q.Get("page"); p != "" {
		t, ok := decodeTimeToken(p)
		if !ok || !t.Equal(t.Truncate(w.size)) || t.Before(first) || !t.Before(stop) {
			return nil, errInvalid("page: %q is not a valid page token for this query", p)
		}
		from = t
	}
	page := &bucketPage{size: w.size}
	t := from
	for ; t.Before(stop) && len(page.starts) < limit; t = t.Add(w.size) {
		page.starts = append(page.starts, t)
	}
	if t.Before(stop) {
		page.next = "page_" + base64.StdEncoding.EncodeToString([]byte(t.Format(time.RFC3339)))
	}
	return page, nil
}

func widthNames(ws []widthRule) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.name)
	}
	return out
}

func decodeTimeToken(p string) (time.Time, bool) {
	enc, ok := strings.CutPrefix(p, "page_")
	if !ok {
		return time.Time{}, false
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, string(b))
	return t.UTC(), err == nil
}

// timeParam reads an optional RFC 3339 timestamp, in UTC.
func timeParam(c *call, name string) (*time.Time, *apiError) {
	v := c.q.Get(name)
	if v == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, errInvalid("%s: %q is not an RFC 3339 timestamp", name, v)
	}
	t = t.UTC()
	return &t, nil
}

// timeBucket is one bucket of a report on the wire.
type timeBucket[T any] struct {
	StartingAt string `json:"starting_at"`
	EndingAt   string `json:"ending_at"`
	Results    []T    `json:"results"`
}

// answer fills the page's buckets, oldest first, empty ones included.
func answer[T any](p *bucketPage, results func(a, b int64) []T) bucketsAnswer[T] {
	data := make([]timeBucket[T], 0, len(p.starts))
	for _, s := range p.starts {
		e := s.Add(p.size)
		data = append(data, timeBucket[T]{s.Format(time.RFC3339), e.Format(time.RFC3339), nonNil(results(s.Unix()/60, e.Unix()/60))})
	}
	return bucketsAnswer[T]{data: data, next: p.next}
}

// bucketsAnswer is a page of a report. It is written bucket by bucket
// rather than encoded as one document first: a page of 1,440 one-minute
// buckets is megabytes, which would otherwise be held twice.
type bucketsAnswer[T any] struct {
	data []timeBucket[T]
	next any
}

func (p bucketsAnswer[T]) writeJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"data":[`)
	for i, b := range p.data {
		if i > 0 {
			bw.WriteByte(',')
		}
		js, err := json.Marshal(b)
		if err != nil {
			return err
		}
		bw.Write(js)
	}
	tail, err := json.Marshal(p.next)
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, `],"has_more":%t,"next_page":%s}`+"\n", p.next != nil, tail)
	return bw.Flush()
}

// orNull is s, or nil (null on the wire) when s is empty.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// betaField is a nullable field shown only to callers that sent its beta.
type betaField struct {
	shown bool
	v     *string
}

func (f betaField) IsZero() bool                 { return !f.shown }
func (f betaField) MarshalJSON() ([]byte, error) { return json.Marshal(f.v) }

// usageDim is a dimension of the messages usage report: its group_by[]
// value, its filter parameter and, for enums, the values the filter takes.
type usageDim struct {
	name, filter string
	values       []string
}

// usageDims is indexed like stream.dims.
var usageDims = [numDims]usageDim{
	dWorkspace:      {"workspace_id", "workspace_ids[]", nil},
	dAPIKey:         {"api_key_id", "api_key_ids[]", nil},
	dAccount:        {"account_id", "account_ids[]", nil},
	dServiceAccount: {"service_account_id", "service_account_ids[]", nil},
	dModel:          {"model", "models[]", nil},
	dServiceTier:    {"service_tier", "service_tiers[]", []string{"batch", "flex", "flex_discount", "priority", "priority_on_demand", "standard"}},
	dContextWindow:  {"context_window", "context_window[]", []string{"0-200k", "200k-1M"}},
	dInferenceGeo:   {"inference_geo", "inference_geos[]", []string{"global", "not_available", "us"}},
	dSpeed:          {"speed", "speeds[]", []string{"fast", "standard"}},
}

const fastModeBeta = "fast-mode-2026-02-01"

const maxGroupBy = 5

// usageResult is one group's usage in a bucket.
type usageResult struct {
	UncachedInputTokens int64 `json:"uncached_input_tokens"`
	CacheCreation       struct {
		Ephemeral1h int64 `json:"ephemeral_1h_input_tokens"`
		Ephemeral5m int64 `json:"ephemeral_5m_input_tokens"`
	} `json:"cache_creation"`
	CacheReadInputTokens int64 `json:"cache_read_input_tokens"`
	OutputTokens         int64 `json:"output_tokens"`
	ServerToolUse        struct {
		WebSearchRequests int64 `json:"web_search_requests"`
	} `json:"server_tool_use"`
	AccountID        *string   `json:"account_id"`
	APIKeyID         *string   `json:"api_key_id"`
	WorkspaceID      *string   `json:"workspace_id"`
	Model            *string   `json:"model"`
	ServiceTier      *string   `json:"service_tier"`
	ContextWindow    *string   `json:"context_window"`
	InferenceGeo     *string   `json:"inference_geo"`
	ServiceAccountID *string   `json:"service_account_id"`
	Speed            betaField `json:"speed,omitzero"`
}

func usageReport(c *call) (any, *apiError) {
	page, err := c.bucketsParam(usageWidths)
	if err != nil {
		return nil, err
	}
	beta := hasBeta(c.r, fastModeBeta)
	var grouped [numDims]bool
	groupBy := c.q["group_by[]"]
	if len(groupBy) > maxGroupBy {
		return nil, errInvalid("Cannot specify more than %d group_by[] dimensions.", maxGroupBy)
	}
	for _, g := range groupBy {
		i := slices.IndexFunc(usageDims[:], func(d usageDim) bool { return d.name == g })
		if i < 0 {
			return nil, errInvalid("group_by[]: %q is not one of %s", g, usageDimNames())
		}
		grouped[i] = true
	}
	if !beta && (grouped[dSpeed] || len(c.q[usageDims[dSpeed].filter]) > 0) {
		return nil, errInvalid("speed: grouping or filtering by speed requires the anthropic-beta header %s", fastModeBeta)
	}
	streams, err := c.usageStreams()
	if err != nil {
		return nil, err
	}
	d := c.st.reports
	return answer(page, func(a, b int64) []usageResult {
		groups := map[[numDims]string]*counters{}
		for _, s := range streams {
			u := d.usage(s, a, b, c.now)
			if u.zero() {
				continue
			}
			var key [numDims]string
			for i := range key {
				if grouped[i] {
					key[i] = s.dims[i]
				}
			}
			if groups[key] == nil {
				groups[key] = &counters{}
			}
			groups[key].add(u)
		}
		var out []usageResult // sorted by dimension, nulls first
		for _, key := range slices.SortedFunc(maps.Keys(groups), func(x, y [numDims]string) int { return slices.Compare(x[:], y[:]) }) {
			out = append(out, usageRow(key, *groups[key], beta))
		}
		return out
	}), nil
}

func usageDimNames() string {
	var names []string
	for _, d := range usageDims {
		names = append(names, d.name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// usageStreams reads the filters and returns the streams that pass them.
// Workspace filters match the default workspace's ID too, though its usage
// reports a null workspace_id.
func (c *call) usageStreams() ([]*stream, *apiError) {
	var filters [numDims][]string
	for i, d := range usageDims {
		filters[i] = c.q[d.filter]
		for _, v := range filters[i] {
			if d.values != nil && !slices.Contains(d.values, v) {
				return nil, errInvalid("%s: %q is not one of %s", d.filter, v, strings.Join(d.values, ", "))
			}
		}
	}
	var out []*stream
	for _, s := range c.st.reports.streams {
		pass := true
		for i, f := range filters {
			v := s.dims[i]
			if i == dWorkspace {
				v = s.workspace
			}
			if len(f) > 0 && (v == "" || !slices.Contains(f, v)) {
				pass = false
			}
		}
		if pass {
			out = append(out, s)
		}
	}
	return out, nil
}

func usageRow(key [numDims]string, u counters, beta bool) usageResult {
	r := usageResult{
		UncachedInputTokens:  u[tUncached],
		CacheReadInputTokens: u[tCacheRead],
		OutputTokens:         u[tOutput],
		AccountID:            orNull(key[dAccount]),
		APIKeyID:             orNull(key[dAPIKey]),
		WorkspaceID:          orNull(key[dWorkspace]),
		Model:                orNull(key[dModel]),
		ServiceTier:          orNull(key[dServiceTier]),
		ContextWindow:        orNull(key[dContextWindow]),
		InferenceGeo:         orNull(key[dInferenceGeo]),
		ServiceAccountID:     orNull(key[dServiceAccount]),
		Speed:                betaField{shown: beta, v: orNull(key[dSpeed])},
	}
	r.CacheCreation.Ephemeral1h = u[tCache1h]
	r.CacheCreation.Ephemeral5m = u[tCache5m]
	r.ServerToolUse.WebSearchRequests = u[cWebSearch]
	return r
}

// costResult is one row of the cost report.
type costResult struct {
	Currency      string  `json:"currency"`
	Amount        string  `json:"amount"`
	WorkspaceID   *string `json:"workspace_id"`
	Description   *string `json:"description"`
	CostType      *string `json:"cost_type"`
	ContextWindow *string `json:"context_window"`
	Model         *string `json:"model"`
	ServiceTier   *string `json:"service_tier"`
	TokenType     *string `json:"token_type"`
	InferenceGeo  *string `json:"inference_geo"`
}

// costKey is what a cost row is grouped by; with description the row
// carries the parsed fields too.
type costKey struct {
	workspace, description, costType, window, model, tier, tokenType, geo string
}

// billedTiers are the tiers the cost report covers.
var billedTiers = []string{"standard", "batch"}

func costReport(c *call) (any, *apiError) {
	page, err := c.bucketsParam(costWidths)
	if err != nil {
		return nil, err
	}
	var byWorkspace, byDescription bool
	for _, g := range c.q["group_by[]"] {
		switch g {
		case "workspace_id":
			byWorkspace = true
		case "description":
			byDescription = true
		default:
			return nil, errInvalid("group_by[]: %q is not one of description, workspace_id", g)
		}
	}
	d := c.st.reports
	return answer(page, func(a, b int64) []costResult {
		// Sum the counters by everything that sets their price first, so
		// exact arithmetic runs once per price rather than per stream.
		type priced struct {
			workspace, model, tier, window, geo, speed string
			counter                                    int
		}
		sums := map[priced]int64{}
		for _, s := range d.streams {
			if !slices.Contains(billedTiers, s.dims[dServiceTier]) {
				continue
			}
			u := d.usage(s, a, b, c.now)
			for i, n := range u {
				if n == 0 {
					continue
				}
				p := priced{counter: i}
				if byWorkspace {
					p.workspace = s.dims[dWorkspace]
				}
				if i < numTokenTypes {
					p.model, p.tier, p.window, p.geo, p.speed = s.dims[dModel], s.dims[dServiceTier], s.dims[dContextWindow], s.dims[dInferenceGeo], s.dims[dSpeed]
				}
				sums[p] += n
			}
		}
		rows := map[costKey]*big.Int{}
		for p, n := range sums {
			k := costKey{workspace: p.workspace}
			var rate int64
			switch p.counter {
			case cWebSearch:
				rate = webSearchFemto
				if byDescription {
					k.description, k.costType = "Web Search Usage", "web_search"
				}
			case cCodeSeconds:
				rate = codeSecondFemto
				if byDescription {
					k.description, k.costType = "Code Execution Usage", "code_execution"
				}
			default:
				rate = tokenRate(p.model, p.counter, p.tier, p.window, p.geo, p.speed)
				if byDescription {
					k = costKey{p.workspace, costDescription(p.model, p.counter, p.tier, p.window, p.geo),
						"tokens", p.window, p.model, p.tier, tokenTypes[p.counter], p.geo}
				}
			}
			if rows[k] == nil {
				rows[k] = new(big.Int)
			}
			addCost(rows[k], n, rate)
		}
		keys := slices.SortedFunc(maps.Keys(rows), func(x, y costKey) int {
			return cmp.Or(strings.Compare(x.workspace, y.workspace), strings.Compare(x.description, y.description))
		})
		var out []costResult
		for _, k := range keys {
			out = append(out, costResult{Currency: "USD", Amount: decimal(rows[k]), WorkspaceID: orNull(k.workspace),
				Description: orNull(k.description), CostType: orNull(k.costType), ContextWindow: orNull(k.window),
				Model: orNull(k.model), ServiceTier: orNull(k.tier), TokenType: orNull(k.tokenType), InferenceGeo: orNull(k.geo)})
		}
		return out
	}), nil
}

var dateOnly = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func claudeCodeReport(c *call) (any, *apiError) {
	v := c.q.Get("starting_at")
	if v == "" {
		return nil, errInvalid("starting_at: Field required")
	}
	day, perr := time.Parse(time.DateOnly, v)
	if !dateOnly.MatchString(v) || perr != nil {
		return nil, errInvalid("starting_at: %q is not a UTC date like 2025-08-08", v)
	}
	limit, err := limitParam(c.q, 20, 1000)
	if err != nil {
		return nil, err
	}
	records := c.st.reports.claudeCodeDay(day, c.now, c.st.org.ID)
	start := 0
	if p := c.q.Get("page"); p != "" {
		n, ok := decodeOffsetToken(p, v)
		if !ok || n > len(records) {
			return nil, errInvalid("page: %q is not a valid page token for this query", p)
		}
		start = n
	}
	end := min(start+limit, len(records))
	var next any
	if end < len(records) {
		next = "page_" + base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "%s/%d", v, end))
	}
	return map[string]any{"data": nonNil(records[start:end]), "has_more": next != nil, "next_page": next}, nil
}

// decodeOffsetToken reads a Claude Code page token: the day and the offset
// of the next record, which must be for the day asked for.
func decodeOffsetToken(p, day string) (int, bool) {
	enc, ok := strings.CutPrefix(p, "page_")
	if !ok {
		return 0, false
	}
	b, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return 0, false
	}
	d, off, ok := strings.Cut(string(b), "/")
	n, err := strconv.Atoi(off)
	return n, ok && err == nil && d == day && n > 0
}
