package admintest

import (
	"hash/fnv"
	"math"
	"math/big"
	"slices"
	"strings"
	"time"
)

// The reports are generated, not stored: each traffic stream's usage in any
// hour is a pure function of the seed, the stream and the hour, so 90 days of
// data cost nothing until asked for. The streams, and when each may run,
// come from the seed's fixed history (see Seed), never from when the fake
// started, so a bucket that has ended has the same figures in every fake of
// the same seed; the clock only cuts off the minute still running.

// Usage report dimensions, in the order results are sorted by.
const (
	dWorkspace = iota
	dAPIKey
	dAccount
	dServiceAccount
	dModel
	dServiceTier
	dContextWindow
	dInferenceGeo
	dSpeed
	numDims
)

// counters are a stream's usage over some time: the token types (indexed as
// in tokenTypes), then web searches and code execution seconds.
type counters [numCounters]int64

const (
	cWebSearch = numTokenTypes + iota
	cCodeSeconds
	numCounters
)

func (c *counters) add(o counters) {
	for i := range c {
		c[i] += o[i]
	}
}

func (c counters) zero() bool { return c == counters{} }

// stream is one source of Messages API traffic: a key (or Console use, or a
// service account) calling one model in one tier, window, geo and speed.
type stream struct {
	dims      [numDims]string // as reported; "" is null
	workspace string          // the real workspace ID, default included
	from, to  int64           // unix minutes in which it may produce usage
	peak      counters        // usage in a busy weekday hour
	seed      uint64
	spikeSeed uint64 // the organization's, so spike days are shared
}

// reportData is the generated traffic of an organization.
type reportData struct {
	seed    uint64
	origin  time.Time // data starts here: midnight 90 days before the seed's day
	streams []*stream
	coders  []*coder
}

// dataDays is how far back generated data goes.
const dataDays = 90

// newReportData starts the traffic of a seed dated from now (seedTime).
func newReportData(seed string, st *state, now time.Time) *reportData {
	if st.reports != nil {
		return st.reports // the seed set up its traffic already
	}
	return &reportData{seed: hashString(seed), origin: now.Truncate(24 * time.Hour).Add(-dataDays * 24 * time.Hour)}
}

// usage is what s produced in [a, b), both in unix minutes, as far as the
// data and the clock allow.
func (d *reportData) usage(s *stream, a, b int64, now time.Time) counters {
	a = max(a, s.from, ceilMinute(d.origin))
	b = min(b, s.to, now.Unix()/60) // the current minute is not over yet
	var out counters
	if a >= b {
		return out
	}
	for h := a / 60; h*60 < b; h++ {
		lo, hi := max(a, h*60)-h*60, min(b, h*60+60)-h*60
		out.add(s.minutes(h, lo, hi))
	}
	return out
}

func ceilMinute(t time.Time) int64 { return (t.Unix() + 59) / 60 }

// Traffic shape: per-mille of the peak by weekday (Sunday first) and by UTC
// hour (a US-centred organization with European colleagues).
var (
	weekRhythm = [7]int64{380, 1000, 1030, 1000, 980, 900, 400}
	dayRhythm  = [24]int64{420, 350, 300, 250, 220, 230, 300, 420, 550, 650, 720, 780,
		850, 950, 1000, 1000, 980, 950, 900, 820, 720, 640, 560, 480}
)

// hour is s's usage in one whole hour (unix hours).
func (s *stream) hour(h int64) counters {
	day := h / 24
	f := weekRhythm[(day+4)%7] * dayRhythm[h%24] * (800 + int64(mix(s.seed, hHourNoise, uint64(h))%400)) / 1000 // per million
	f = f * (850 + int64(mix(s.seed, hDayNoise, uint64(day))%300)) / 1000                                       // some days are busier
	if mix(s.spikeSeed, hSpikeDay, uint64(day))%15 == 0 && mix(s.seed, hSpikeJoin, uint64(day))%2 == 0 {
		f = f * (2000 + int64(mix(s.seed, hSpikeSize, uint64(day))%2500)) / 1000
	}
	var out counters
	for i, p := range s.peak {
		out[i] = p * f / 1_000_000 * (900 + int64(mix(s.seed, hCounterNoise, uint64(h), uint64(i))%200)) / 1000
	}
	return out
}

// minutes is s's usage in minutes [a, b) of hour h. The hour's usage is
// spread over its minutes by a cumulative curve, so the minutes of an hour
// always add up to the hour exactly.
func (s *stream) minutes(h int64, a, b int64) counters {
	full := s.hour(h)
	if a == 0 && b == 60 {
		return full
	}
	ca, cb := s.curve(h, a), s.curve(h, b)
	var out counters
	for i, n := range full {
		out[i] = n*cb/6000 - n*ca/6000
	}
	return out
}

// curve is how much of hour h's usage falls before minute j, in 6000ths: a
// straight line wiggled by less than half a minute's share, so it rises
// every minute and meets 0 and 6000 at the ends.
func (s *stream) curve(h, j int64) int64 {
	if j == 0 || j == 60 {
		return j * 100
	}
	return j*100 + int64(mix(s.seed, hMinuteCurve, uint64(h), uint64(j))%50)
}

// What a hash is for, as mix's second input, so that no two uses of a seed
// draw the same number.
const (
	hHourNoise = iota + 1
	hDayNoise
	hSpikeDay
	hSpikeJoin
	hSpikeSize
	hCounterNoise
	hMinuteCurve
	hKeyVolume
	hKeyStop
	hCoderActive
	hCoderRemote
	hCoderDay
)

// mix hashes integers into a well-spread 64-bit value (splitmix64 steps).
func mix(xs ...uint64) uint64 {
	h := uint64(0x9E3779B97F4A7C15)
	for _, x := range xs {
		h ^= x
		h += 0x9E3779B97F4A7C15
		h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
		h = (h ^ h>>27) * 0x94D049BB133111EB
		h ^= h >> 31
	}
	return h
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// mixPart is one model of a key's traffic and its share of the key's volume.
type mixPart struct {
	model, tier, window, speed string
	share                      int64 // per-mille of the key's requests
	web, code                  int64 // web searches and code execution seconds per 1000 requests
}

// keyMixes say what kind of traffic a key runs, by a word in its name; the
// first match wins and the last entry matches everything.
var keyMixes = []struct {
	word  string
	parts []mixPart
}{
	{"legacy", []mixPart{{"claude-sonnet-4-5", "standard", "0-200k", "standard", 700, 0, 0}, {"claude-opus-4-5", "standard", "0-200k", "standard", 300, 0, 0}}},
	{"old", []mixPart{{"claude-sonnet-4-5", "standard", "0-200k", "standard", 1000, 0, 0}}},
	{"batch", []mixPart{{"claude-sonnet-4-6", "batch", "0-200k", "standard", 700, 0, 0}, {"claude-haiku-4-5", "batch", "0-200k", "standard", 300, 0, 0}}},
	{"eval", []mixPart{{"claude-opus-4-6", "batch", "0-200k", "standard", 500, 0, 0}, {"claude-sonnet-4-6", "standard", "0-200k", "standard", 500, 0, 0}}},
	{"gateway", []mixPart{{"claude-sonnet-4-6", "standard", "0-200k", "standard", 600, 150, 0}, {"claude-haiku-4-5", "standard", "0-200k", "standard", 250, 0, 0}, {"claude-opus-4-6", "priority", "0-200k", "standard", 150, 0, 0}}},
	{"chat", []mixPart{{"claude-sonnet-4-6", "standard", "0-200k", "standard", 970, 200, 0}, {"claude-sonnet-4-6", "standard", "200k-1M", "standard", 30, 0, 0}}},
	{"extract", []mixPart{{"claude-sonnet-4-6", "standard", "0-200k", "standard", 900, 0, 0}, {"claude-sonnet-4-6", "standard", "200k-1M", "standard", 70, 0, 0}, {"claude-opus-4-6", "standard", "200k-1M", "standard", 30, 0, 0}}},
	{"summar", []mixPart{{"claude-haiku-4-5", "standard", "0-200k", "standard", 700, 0, 0}, {"claude-sonnet-4-5", "standard", "0-200k", "standard", 300, 0, 0}}},
	{"agents", []mixPart{{"claude-opus-4-6", "standard", "0-200k", "standard", 600, 300, 30000}, {"claude-opus-4-6", "standard", "0-200k", "fast", 400, 0, 20000}}},
	{"research", []mixPart{{"claude-opus-4-6", "standard", "0-200k", "standard", 500, 50, 1500}, {"claude-sonnet-4-6", "standard", "0-200k", "standard", 500, 0, 0}}},
	{"reply", []mixPart{{"claude-sonnet-4-6", "standard", "0-200k", "standard", 1000, 100, 0}}},
	{"voice", []mixPart{{"claude-haiku-4-5", "standard", "0-200k", "standard", 1000, 0, 0}}},
	{"laptop", []mixPart{{"claude-opus-4-6", "standard", "0-200k", "standard", 500, 20, 0}, {"claude-sonnet-4-6", "standard", "0-200k", "standard", 500, 0, 0}}},
	{"cli", []mixPart{{"claude-sonnet-4-5", "standard", "0-200k", "standard", 1000, 0, 0}}},
	{"claude-code", []mixPart{{"claude-opus-4-6", "standard", "0-200k", "standard", 700, 0, 0}, {"claude-haiku-4-5", "standard", "0-200k", "standard", 300, 0, 0}}},
	{"", []mixPart{{"claude-haiku-4-5", "standard", "0-200k", "standard", 600, 0, 0}, {"claude-sonnet-4-6", "standard", "0-200k", "standard", 400, 0, 0}}},
}

func mixFor(name string) []mixPart {
	for _, m := range keyMixes {
		if strings.Contains(name, m.word) {
			return m.parts
		}
	}
	return nil // unreachable: the last mix matches everything
}

// Requests in a busy hour for a key, by the workspace it lives in.
var workspaceVolume = map[string]int64{"Production": 700, "Staging": 80, "Research": 150, "Support Assistant": 500, "Default": 20, "Hackathon 2026": 300}

// perRequest is the average usage of one request, by model family and
// context window: uncached input, 5m and 1h cache writes, cache reads,
// output.
func perRequest(model, window string) [numTokenTypes]int64 {
	switch {
	case window == "200k-1M":
		return [numTokenTypes]int64{60000, 20000, 0, 180000, 1500}
	case strings.Contains(model, "opus"):
		return [numTokenTypes]int64{2500, 1200, 300, 9000, 700}
	case strings.Contains(model, "haiku"):
		return [numTokenTypes]int64{1200, 300, 0, 2500, 250}
	}
	return [numTokenTypes]int64{2000, 900, 200, 7000, 600}
}

// trafficSource is who sends a group of streams.
type trafficSource struct {
	workspace             *workspace
	key, account, svcAcct string
	name                  string // picks the traffic mix
	from, to              time.Time
	requests              int64 // in a busy hour
}

// addStreams adds a source's streams, one per part of its mix.
func (d *reportData) addStreams(src trafficSource) {
	from := max(ceilMinute(src.from), ceilMinute(time.Time(src.workspace.CreatedAt)))
	to := int64(math.MaxInt64)
	if !src.to.IsZero() {
		to = src.to.Unix() / 60
	}
	if w := src.workspace.ArchivedAt; w != nil {
		to = min(to, time.Time(*w).Unix()/60)
	}
	if from >= to {
		return // e.g. a key created in a workspace already archived
	}
	wsID := src.workspace.ID
	if src.workspace.isDefault {
		wsID = ""
	}
	for _, p := range mixFor(src.name) {
		s := &stream{workspace: src.workspace.ID, from: from, to: to, spikeSeed: d.seed}
		s.dims = [numDims]string{wsID, src.key, src.account, src.svcAcct, p.model, p.tier, p.window, geoFor(p.model, src.workspace), p.speed}
		s.seed = mix(d.seed, hashString(strings.Join(s.dims[:], "|")+"|"+src.workspace.ID))
		n := src.requests * p.share / 1000
		for i, t := range perRequest(p.model, p.window) {
			s.peak[i] = n * t
		}
		s.peak[cWebSearch] = n * p.web / 1000
		s.peak[cCodeSeconds] = n * p.code / 1000
		d.streams = append(d.streams, s)
	}
}

// geoFor is where a model's requests ran: the 4.6 models honour the
// workspace's default geo; older ones have no geo choice.
func geoFor(model string, w *workspace) string {
	if strings.HasSuffix(model, "-4-6") {
		return w.DataResidency.DefaultInferenceGeo
	}
	return "not_available"
}

// demoTraffic sets up the demo organization's generated usage: every key
// that could have run, Console use by a few developers, one federated
// service account, and the Claude Code users.
func (b *builder) demoTraffic() {
	d := newReportData(b.st.ids.seed, b.st, b.now)
	b.st.reports = d
	for _, k := range b.st.keys {
		w := b.st.workspace(k.Scope.WorkspaceID)
		src := trafficSource{workspace: w, key: k.ID, name: k.Name, from: time.Time(k.CreatedAt)}
		if k.Principal != nil {
			src.account = k.Principal.UserID
		}
		// Busy keys run up to 1.5 times their workspace's volume, quiet
		// ones half of it.
		src.requests = workspaceVolume[w.Name] * int64(500+mix(d.seed, hKeyVolume, hashString(k.ID))%1000) / 1000
		switch k.Status {
		case "inactive", "archived":
			// Switched off some time after it was created.
			life := b.now.Sub(time.Time(k.CreatedAt))
			src.to = time.Time(k.CreatedAt).Add(life * time.Duration(30+mix(d.seed, hKeyStop, hashString(k.ID))%50) / 100)
		}
		if k.ExpiresAt != nil && (src.to.IsZero() || time.Time(*k.ExpiresAt).Before(src.to)) {
			src.to = time.Time(*k.ExpiresAt)
		}
		d.addStreams(src)
	}

	def := b.st.workspaces[0]
	consoleUsers := 0
	for _, u := range b.st.users { // oldest first
		if (u.Role == "developer" || u.Role == "admin") && consoleUsers < 4 {
			d.addStreams(trafficSource{workspace: def, account: u.ID, name: "laptop", from: time.Time(u.AddedAt), requests: 6})
			consoleUsers++
		}
	}
	if prod := find(b.st.workspaces, func(w *workspace) bool { return w.Name == "Production" }); prod != nil {
		svc := ids{seed: b.st.ids.seed + "/service-accounts"}
		d.addStreams(trafficSource{workspace: prod, svcAcct: svc.next("svac_"), name: "federated-sync", from: time.Time(prod.CreatedAt), requests: 300})
	}
	b.claudeCodeUsers()
}

// coder is a member (or an API key) using Claude Code.
type coder struct {
	actor    ccActor
	from     time.Time
	seed     uint64
	model    string // the model most of their sessions use
	terminal string
	remote   bool // also works in Claude Code on the web
}

var terminals = []string{"vscode", "iTerm.app", "tmux", "ghostty", "Apple_Terminal", "WezTerm", "cursor"}

// claudeCodeUsers sets up the demo's Claude Code activity: developers and
// Claude Code users, and the keys made for Claude Code.
func (b *builder) claudeCodeUsers() {
	d := b.st.reports
	add := func(a ccActor, from time.Time) {
		cd := &coder{actor: a, from: from, seed: mix(d.seed, hashString(a.EmailAddress+"|"+a.APIKeyName))}
		cd.model = []string{"claude-opus-4-6", "claude-opus-4-6", "claude-sonnet-4-6"}[cd.seed%3]
		cd.terminal = terminals[cd.seed/3%uint64(len(terminals))]
		cd.remote = cd.seed/64%3 == 0
		d.coders = append(d.coders, cd)
	}
	users := slices.Clone(b.st.users)
	slices.SortFunc(users, func(x, y *user) int { return strings.Compare(x.Email, y.Email) })
	for _, u := range users {
		if u.Role == "developer" || u.Role == "claude_code_user" {
			add(ccActor{Type: "user_actor", EmailAddress: u.Email}, time.Time(u.AddedAt))
		}
	}
	keys := slices.Clone(b.st.keys)
	slices.SortFunc(keys, func(x, y *apiKey) int { return strings.Compare(x.Name, y.Name) })
	for _, k := range keys {
		if strings.HasPrefix(k.Name, "claude-code-") && k.Status == "active" {
			add(ccActor{Type: "api_actor", APIKeyName: k.Name}, time.Time(k.CreatedAt))
		}
	}
}

// The Claude Code report's record, as it goes on the wire.
type ccRecord struct {
	Actor            ccActor           `json:"actor"`
	CoreMetrics      ccCore            `json:"core_metrics"`
	CustomerType     string            `json:"customer_type"`
	Date             string            `json:"date"`
	IsRemote         bool              `json:"is_remote"`
	ModelBreakdown   []ccModel         `json:"model_breakdown"`
	OrganizationID   string            `json:"organization_id"`
	SubscriptionType *string           `json:"subscription_type"`
	TerminalType     string            `json:"terminal_type"`
	ToolActions      map[string]ccTool `json:"tool_actions"`
}

type ccActor struct {
	Type         string `json:"type"`
	EmailAddress string `json:"email_address,omitempty"`
	APIKeyName   string `json:"api_key_name,omitempty"`
}

type ccCore struct {
	CommitsByClaudeCode int64 `json:"commits_by_claude_code"`
	LinesOfCode         struct {
		Added   int64 `json:"added"`
		Removed int64 `json:"removed"`
	} `json:"lines_of_code"`
	NumSessions              int64 `json:"num_sessions"`
	PullRequestsByClaudeCode int64 `json:"pull_requests_by_claude_code"`
}

type ccModel struct {
	EstimatedCost struct {
		Amount   int64  `json:"amount"`
		Currency string `json:"currency"`
	} `json:"estimated_cost"`
	Model  string   `json:"model"`
	Tokens ccTokens `json:"tokens"`
}

type ccTokens struct {
	CacheCreation int64 `json:"cache_creation"`
	CacheRead     int64 `json:"cache_read"`
	Input         int64 `json:"input"`
	Output        int64 `json:"output"`
}

type ccTool struct {
	Accepted int64 `json:"accepted"`
	Rejected int64 `json:"rejected"`
}

// rng draws a sequence of numbers from a seed.
type rng struct{ s uint64 }

// n returns a number in [lo, hi].
func (r *rng) n(lo, hi int64) int64 {
	r.s = mix(r.s)
	return lo + int64(r.s%uint64(hi-lo+1))
}

// claudeCodeDay builds one UTC day's records. Only data at least an hour
// old is reported, so today's numbers are the part of the day seen so far
// and later days have none.
func (d *reportData) claudeCodeDay(day, now time.Time, orgID string) []*ccRecord {
	const dayLen = 24 * time.Hour
	seen := now.Add(-time.Hour)
	if !day.Before(seen) || !day.Add(dayLen).After(d.origin) {
		return nil
	}
	scale := int64(1000) // per-mille of a whole day's activity
	if day.Add(dayLen).After(seen) {
		scale = int64(seen.Sub(day) * 1000 / dayLen)
	}
	n := uint64(day.Unix() / 86400)
	chance := uint64(85)
	if wd := (n + 4) % 7; wd == 0 || wd == 6 {
		chance = 20
	}
	var out []*ccRecord
	for _, cd := range d.coders {
		if !day.Add(dayLen).After(cd.from) || mix(cd.seed, hCoderActive, n)%100 >= chance {
			continue
		}
		out = appendRecord(out, cd.record(n, false, scale))
		if cd.remote && mix(cd.seed, hCoderRemote, n)%100 < 40 {
			out = appendRecord(out, cd.record(n, true, scale*4/10))
		}
	}
	for _, r := range out {
		r.Date = day.Format(time.RFC3339)
		r.OrganizationID = orgID
	}
	return out
}

func appendRecord(out []*ccRecord, r *ccRecord) []*ccRecord {
	if r == nil {
		return out
	}
	return append(out, r)
}

// record is one coder's activity on a day (unix days), scaled per-mille;
// nil when that leaves no session.
func (cd *coder) record(day uint64, remote bool, scale int64) *ccRecord {
	var side uint64
	if remote {
		side = 1
	}
	r := rng{mix(cd.seed, hCoderDay, day, side)}
	size := func(lo, hi int64) int64 { return r.n(lo, hi) * scale / 1000 }
	rec := &ccRecord{Actor: cd.actor, CustomerType: "api", IsRemote: remote, TerminalType: cd.terminal}
	if remote {
		rec.TerminalType = "web"
	}
	core := &rec.CoreMetrics
	if core.NumSessions = size(1, 12); core.NumSessions == 0 {
		return nil
	}
	core.LinesOfCode.Added = size(80, 1500)
	core.LinesOfCode.Removed = core.LinesOfCode.Added * r.n(15, 60) / 100
	core.CommitsByClaudeCode = r.n(0, core.NumSessions)
	core.PullRequestsByClaudeCode = r.n(0, core.CommitsByClaudeCode/3)
	rec.ToolActions = map[string]ccTool{
		"edit_tool":          {size(5, 80), size(0, 8)},
		"multi_edit_tool":    {size(0, 30), size(0, 4)},
		"write_tool":         {size(1, 20), size(0, 3)},
		"notebook_edit_tool": {size(0, 4), size(0, 1)},
	}
	rec.ModelBreakdown = []ccModel{ccModelUse(cd.model, ccTokens{
		Input: size(20000, 180000), Output: size(8000, 70000), CacheRead: size(300000, 4000000), CacheCreation: size(30000, 350000)})}
	if r.n(0, 99) < 70 { // quick background work goes to Haiku
		rec.ModelBreakdown = append(rec.ModelBreakdown, ccModelUse("claude-haiku-4-5", ccTokens{
			Input: size(5000, 40000), Output: size(1000, 8000), CacheRead: size(0, 200000), CacheCreation: size(0, 20000)}))
	}
	return rec
}

// ccModelUse prices a model's tokens at the standard rates, cache creation
// as 5 minute cache writes, rounded to the nearest cent.
func ccModelUse(model string, t ccTokens) ccModel {
	m := ccModel{Model: model, Tokens: t}
	sum := new(big.Int)
	for _, x := range []struct {
		n  int64
		tt int
	}{{t.Input, tUncached}, {t.Output, tOutput}, {t.CacheRead, tCacheRead}, {t.CacheCreation, tCache5m}} {
		addCost(sum, x.n, tokenRate(model, x.tt, "standard", "0-200k", "global", "standard"))
	}
	m.EstimatedCost.Amount = roundCents(sum)
	m.EstimatedCost.Currency = "USD"
	return m
}
