package cli

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/render"
	"github.com/anthropic-admin-go/admin/report"
)

// This file holds what the report commands (cost, usage messages, usage
// claude-code, budget) share: the time range flags, fetching a range with
// progress, the notes that say which data is not final, and the flattened
// rows of their data formats.

// rangeFlags are the time range flags of a report command.
type rangeFlags struct {
	since, from, to, day   string
	monthToDate, lastMonth bool
}

// defaultSince is the range of a report given no range flag.
const defaultSince = "30d"

func (f *rangeFlags) register(cmd *cobra.Command, withDay bool) {
	fl := cmd.Flags()
	fl.StringVar(&f.since, "since", "", "the last N minutes, hours, days or weeks and the current one so far: 90m, 24h, 7d, 2w (default "+defaultSince+")")
	fl.StringVar(&f.from, "from", "", "start: a date (2026-11-01, midnight UTC) or an RFC 3339 time")
	fl.StringVar(&f.to, "to", "", "end, excluded: a date or an RFC 3339 time (default now); --from 2026-11-01 --to 2026-12-01 is November")
	fl.BoolVar(&f.monthToDate, "month-to-date", false, "this UTC calendar month so far")
	fl.BoolVar(&f.lastMonth, "last-month", false, "the whole previous UTC calendar month")
	if withDay {
		fl.StringVar(&f.day, "day", "", "one UTC day, such as 2026-11-19")
	}
}

// parse turns the flags into a range ending no later than now: the reports
// have no buckets in the future. Conflicting or malformed flags are usage
// errors, found before anything is sent.
func (f rangeFlags) parse(cmd *cobra.Command, now time.Time) (admin.TimeRange, error) {
	since, from, to := f.since, f.from, f.to
	var given []string
	for _, c := range []struct {
		set  bool
		name string
	}{{f.since != "", "--since"}, {f.from != "" || f.to != "", "--from/--to"}, {f.monthToDate, "--month-to-date"}, {f.lastMonth, "--last-month"}, {f.day != "", "--day"}} {
		if c.set {
			given = append(given, c.name)
		}
	}
	switch {
	case len(given) > 1:
		return admin.TimeRange{}, usageErr(cmd, "give one time range, not %s", strings.Join(given, " and "))
	case f.monthToDate:
		since = "mtd"
	case f.lastMonth:
		since = "last-month"
	case f.day != "":
		day, err := time.Parse(time.DateOnly, f.day)
		if err != nil {
			return admin.TimeRange{}, usageErr(cmd, "--day %q is not a date such as 2026-11-19", f.day)
		}
		from, to = day.Format(time.DateOnly), day.AddDate(0, 0, 1).Format(time.DateOnly)
	case len(given) == 0:
		since = defaultSince
	}
	// ParseTimeRange refuses a start at or after now: there is no data yet.
	r, err := admin.ParseTimeRange(since, from, to, now)
	if err != nil {
		return admin.TimeRange{}, inputErr(cmd, err)
	}
	r.End = minTime(r.End, now)
	return r, nil
}

// reportRun is what a report command starts from: the clock, the range,
// the output format and the client.
type reportRun struct {
	cmd    *cobra.Command
	now    time.Time
	r      admin.TimeRange
	format string
	c      *admin.Client
}

// startReport reads the range flags (none when rf is nil) and the output
// format, then makes the client: bad flags fail first, and nothing is sent.
func (a *app) startReport(cmd *cobra.Command, rf *rangeFlags, chart, focus bool) (run reportRun, err error) {
	run.cmd, run.now = cmd, a.now().UTC()
	if rf != nil {
		if run.r, err = rf.parse(cmd, run.now); err != nil {
			return run, err
		}
	}
	if run.format, err = a.reportFormat(cmd, chart, focus); err != nil {
		return run, err
	}
	run.c, err = a.clientFor(cmd.Context())
	return run, err
}

// inputErr turns the library's bad-input error into a usage error with a
// hint; other errors pass through.
func inputErr(cmd *cobra.Command, err error) error {
	var pe *admin.ParamError
	if !errors.As(err, &pe) {
		return err
	}
	return usageErr(cmd, "%s", paramText(pe))
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// streamRange reads a report range item by item, handing each to each as
// it arrives, so nothing holds the whole range. When the range takes many
// requests (perRequest is how much of it one request covers), a terminal's
// stderr shows how much has arrived as the windows and pages come in;
// reached tells up to when an item covers.
func streamRange[T any](a *app, what string, r admin.TimeRange, perRequest time.Duration, seq iter.Seq2[T, error], reached func(T) time.Time, each func(T) error) error {
	shown := -1
	defer func() {
		if shown >= 0 {
			fmt.Fprint(a.env.Stderr, "\r\x1b[K")
		}
	}()
	span := r.End.Sub(r.Start).Seconds()
	for it, err := range seq {
		if err != nil {
			return err
		}
		if err := each(it); err != nil {
			return err
		}
		if !a.env.StderrTTY || r.End.Sub(r.Start) <= perRequest {
			continue
		}
		// A float is fine here: it only places a progress figure.
		if pct := min(100, max(0, int(reached(it).Sub(r.Start).Seconds()*100/span))); pct != shown {
			fmt.Fprint(a.env.Stderr, output.Safef("\rfetching %s… %d%%", what, pct))
			shown = pct
		}
	}
	return nil
}

// bucketEnd is how far a report bucket reaches, for streamRange.
func bucketEnd[R any](b admin.ReportBucket[R]) time.Time { return b.EndingAt }

// span is the buckets a report covers, all of one width, for the line
// above its table and the footnote under it: n buckets from start to end,
// of which the last pending are not final.
type span struct {
	start, end time.Time
	width      time.Duration
	n, pending int
}

// spanOf is the span of a summary's periods.
func spanOf(periods []report.Period, pending int) span {
	if len(periods) == 0 {
		return span{}
	}
	first := periods[0]
	return span{start: first.Start, end: periods[len(periods)-1].End, width: first.End.Sub(first.Start), n: len(periods), pending: pending}
}

// daily tells whether the buckets are whole UTC days.
func (s span) daily() bool { return s.n > 0 && s.width == 24*time.Hour }

// coverage says what a report covers, for the line above its table:
// "Oct 21 – Nov 20, 2026 (31 UTC days)" or, for shorter buckets,
// "2026-11-19 15:00 – 2026-11-20 15:31 UTC (25 hourly buckets)".
func (s span) coverage() string {
	if s.n == 0 {
		return "no data in this range"
	}
	if s.daily() {
		return fmt.Sprintf("%s (%s)", render.DateRange(s.start, s.end), count(s.n, "UTC day"))
	}
	width := "hourly bucket"
	if s.width < time.Hour {
		width = "one-minute bucket"
	}
	const layout = "2006-01-02 15:04"
	return fmt.Sprintf("%s – %s UTC (%s)", s.start.UTC().Format(layout), s.end.UTC().Format(layout), count(s.n, width))
}

// pendingNote is the footnote that marks data that is not final, or ""
// when all of it is. The buckets that are not final are the last pending
// ones; what says what they hold ("its spend so far, $1,684.33, is in the
// total").
func (s span) pendingNote(what string) string {
	if s.pending == 0 {
		return ""
	}
	first, last := s.end.Add(-time.Duration(s.pending)*s.width), s.end.Add(-s.width)
	var which string
	switch {
	case s.daily() && s.pending == 1:
		which = first.Format("Jan 2") + " is"
	case s.daily():
		which = fmt.Sprintf("%s – %s are", first.Format("Jan 2"), last.Format("Jan 2"))
	case s.pending == 1:
		which = "the last bucket (from " + first.UTC().Format("15:04") + " UTC) is"
	default:
		which = fmt.Sprintf("the last %d buckets (from %s UTC) are", s.pending, first.UTC().Format("Jan 2 15:04"))
	}
	return fmt.Sprintf("* %s not final yet: %s and may still grow (the report settles up to %s after a bucket ends).", which, what, lagText())
}

// shortNote is the footnote for data that stops before the end of the
// range asked for, as it does when the server has not given the bucket
// still running, or "" when it does not. last is where the last bucket
// received ends; zero when none came.
func shortNote(last time.Time, r admin.TimeRange) string {
	switch {
	case last.IsZero():
		return "* No data yet: no bucket of this range has ended, and the API does not give the one still running."
	case !last.Before(r.End):
		return ""
	}
	return fmt.Sprintf("* The data runs up to %s UTC, the end of the last whole bucket: the API does not give the bucket still running yet.", last.UTC().Format("Jan 2 15:04"))
}

// lastEnd is where the last of periods ends; zero when there are none.
func lastEnd(periods []report.Period) time.Time {
	if len(periods) == 0 {
		return time.Time{}
	}
	return periods[len(periods)-1].End
}

func lagText() string {
	if report.Lag == time.Hour {
		return "an hour"
	}
	return report.Lag.String()
}

// timelineOf is the chart timeline of daily periods: a day is marked
// incomplete exactly when its period is not final.
func timelineOf(periods []report.Period, now time.Time) render.Timeline {
	t := render.Timeline{}
	for _, p := range periods {
		t.Days = append(t.Days, p.Start.UTC())
		if !p.Final {
			t.CompleteUntil = now.Add(-report.Lag)
		}
	}
	return t
}

// groupSums adds values up per group, a group being a key of one value per
// dimension: the groups of a table, or of one bucket's rows.
type groupSums[V interface{ Add(V) V }] struct {
	index  map[string]int
	groups []groupSum[V]
	id     strings.Builder
}

type groupSum[V any] struct {
	key   []string
	total V
}

func (g *groupSums[V]) add(key []string, v V) {
	g.id.Reset()
	for _, k := range key {
		g.id.WriteString(k)
		g.id.WriteByte(0)
	}
	i, ok := g.index[g.id.String()]
	if !ok {
		if g.index == nil {
			g.index = map[string]int{}
		}
		i = len(g.groups)
		g.index[g.id.String()] = i
		g.groups = append(g.groups, groupSum[V]{key: key})
	}
	g.groups[i].total = g.groups[i].total.Add(v)
}

// reset empties the sums, keeping their room.
func (g *groupSums[V]) reset() {
	clear(g.index)
	g.groups = g.groups[:0]
}

// sorted returns the groups, largest total first by rank, ties by key.
func (g *groupSums[V]) sorted(rank func(a, b V) int) []groupSum[V] {
	slices.SortFunc(g.groups, func(x, y groupSum[V]) int { return cmp.Or(rank(y.total, x.total), slices.Compare(x.key, y.key)) })
	return g.groups
}

// countText is a count with thousands separators: 1,234,567.
func countText(n int64) string {
	if n < 0 {
		return "-" + render.GroupThousands(strconv.FormatInt(-n, 10))
	}
	return render.GroupThousands(strconv.FormatInt(n, 10))
}

// dataRow is one flattened row of a report's data output (JSON, JSONL,
// YAML, CSV): named cells in a fixed order, with explicit units in the
// names. Money is a string of exact decimal digits, never a float.
type dataRow []cell

type cell struct {
	key, text string
	literal   bool // text is a JSON number or boolean, not a string
}

func strCell(key, text string) cell { return cell{key: key, text: text} }
func intCell(key string, n int64) cell {
	return cell{key: key, text: strconv.FormatInt(n, 10), literal: true}
}
func boolCell(key string, b bool) cell {
	return cell{key: key, text: strconv.FormatBool(b), literal: true}
}

// moneyCells are an amount of cents as exact dollars and exact cents.
func moneyCells(prefix string, a admin.Amount) []cell {
	return []cell{strCell(prefix+"_usd", render.DecimalString(a.Dollars())), strCell(prefix+"_cents", render.DecimalString(a.Cents()))}
}

func (r dataRow) json() json.RawMessage { return r.appendJSON(nil, false) }

// appendJSON appends the row as a JSON object: compact, or indented as an
// element of an indented array (the form json.Indent gives it there).
func (r dataRow) appendJSON(b []byte, indented bool) []byte {
	if len(r) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	for i, c := range r {
		if i > 0 {
			b = append(b, ',')
		}
		if indented {
			b = append(b, "\n    "...)
		}
		b = appendJSONString(b, c.key)
		b = append(b, ':')
		if indented {
			b = append(b, ' ')
		}
		if c.literal {
			b = append(b, c.text...)
			continue
		}
		b = appendJSONString(b, c.text)
	}
	if indented {
		b = append(b, "\n  "...)
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// printRows writes data rows in the chosen data format; keys name the
// columns, so CSV has its header even when there are no rows.
func printRows(a *app, cmd *cobra.Command, keys []string, rows []dataRow) error {
	return printList(a, cmd, rows, dataRow.json, dataColumns(keys))
}

// rowWriter writes data rows one at a time in a data format; keys name the
// columns, so CSV has its header even when no row comes.
func (a *app) rowWriter(format string, keys []string) *output.ListWriter[dataRow] {
	w := output.NewListWriter(&a.out, format, dataRow.json, dataColumns(keys))
	w.Indented = func(r dataRow, b []byte) []byte { return r.appendJSON(b, true) }
	return w
}

// dataColumns are the CSV columns of data rows with these keys.
func dataColumns(keys []string) []output.Column[dataRow] {
	cols := make([]output.Column[dataRow], len(keys))
	for i, k := range keys {
		cols[i] = output.Column[dataRow]{Header: k, Text: func(r dataRow) string { return r[i].text }}
	}
	return cols
}

// keysOf are the column names of rows made by row, taken from a sample.
func keysOf(sample dataRow) []string {
	keys := make([]string, len(sample))
	for i, c := range sample {
		keys[i] = c.key
	}
	return keys
}

// formatFOCUS is the cost command's FinOps FOCUS CSV (-o focus).
const formatFOCUS = "focus"

// reportFormat is the output format of a report: table, a data format, or
// focus where the command has it. --chart asks for the table even in a
// pipe, unless -o says otherwise.
func (a *app) reportFormat(cmd *cobra.Command, chart, focus bool) (string, error) {
	if focus && strings.EqualFold(a.flags.output, formatFOCUS) {
		return formatFOCUS, nil
	}
	if chart && a.flags.output == "" {
		return output.Table, nil
	}
	f, err := a.format(cmd)
	if err == nil && chart && f != output.Table {
		return "", usageErr(cmd, "--chart draws under the table: leave out -o %s", a.flags.output)
	}
	if err != nil && focus {
		err = usageErr(cmd, "unknown output format %q: use one of %s or focus", a.flags.output, strings.Join(output.Formats, ", "))
	}
	return f, err
}

// normalizeDim reads a --by value: any case, '_' or '-', with or without
// an _id suffix (workspace_id is workspace).
func normalizeDim(s string) string {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
	return strings.TrimSuffix(s, "-id")
}

// dimNames lists the --by values for help and errors.
func dimNames[T any](dims []T, name func(T) string) string {
	out := make([]string, len(dims))
	for i, d := range dims {
		out[i] = name(d)
	}
	return strings.Join(out, ", ")
}
