package render

import (
	"fmt"
	"html/template"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// HTMLReport is what the HTML report shows: spend per day by workspace and
// by model, tokens per day by type, and the totals.
type HTMLReport struct {
	Title       string    // what the report is about, e.g. the organization's name
	Start, End  time.Time // the range reported, end excluded
	Generated   time.Time
	Days        Timeline
	ByWorkspace []Series // values line up with days.days
	ByModel     []Series
	// ByAPIKey and ByUser, when not empty, add a "who" section: the top
	// keys and members by spend (from another source than the cost
	// report, so their totals may differ: WhoNote says so).
	ByAPIKey, ByUser []Series
	WhoNote          string
	Tokens           TokenCounts
}

// TokenCounts are tokens per day by type, lined up with the report's days.
type TokenCounts struct {
	UncachedInput, CacheWrite, CacheRead, Output []int64
}

// WriteHTML writes the report as one self-contained HTML file: inline
// CSS and SVG, no scripts, fonts, images or links, so it can be mailed,
// archived or opened offline. html/template escapes every name.
func WriteHTML(w io.Writer, r HTMLReport) error {
	return reportPage.Execute(w, buildPage(r))
}

// Colors of the groups in order, and of the folded "other" group.
var (
	groupColors = []string{"#3d6fb4", "#e3892f", "#4f9d69", "#c9534d", "#8467b8", "#2b9ea3"}
	otherColor  = "#a6adb8"
)

func groupColor(s Series, g int) string {
	if s.other {
		return otherColor
	}
	return groupColors[g%len(groupColors)]
}

// The token types, in stacking order, with their colors.
var tokenKinds = []struct {
	name, color string
	counts      func(TokenCounts) []int64
}{
	{"Uncached input", "#3d6fb4", func(c TokenCounts) []int64 { return c.UncachedInput }},
	{"Cache write", "#e3892f", func(c TokenCounts) []int64 { return c.CacheWrite }},
	{"Cache read", "#7db86a", func(c TokenCounts) []int64 { return c.CacheRead }},
	{"Output", "#8467b8", func(c TokenCounts) []int64 { return c.Output }},
}

// page is the report laid out for the template.
type page struct {
	Title, Range, Generated, Notice string
	Cards                           []card
	Charts                          []svgChart
	Tables                          []totalsTable
}

type card struct{ Label, Value, Note string }

// totalsTable lists every group with its total and share, largest first.
type totalsTable struct {
	Title, Group      string
	Rows              []totalsRow
	Total, TotalShare string
	// Note says so when the rows, each rounded, do not add up to Total.
	Note string
}

type totalsRow struct {
	Name, Value, Share string
	Bar                template.CSS // width and color of the share bar
}

func buildPage(r HTMLReport) page {
	ws := DailySpend{Timeline: r.Days, Series: r.ByWorkspace}
	models := DailySpend{Timeline: r.Days, Series: r.ByModel}
	p := page{
		Title:     r.Title,
		Range:     DateRange(r.Start, r.End),
		Generated: r.Generated.UTC().Format("2006-01-02 15:04 UTC"),
		Cards:     summaryCards(ws, r.Tokens),
	}
	for _, g := range []struct {
		id, title, kind, column string
		d                       DailySpend
	}{
		{"workspaces", "Spend per day by workspace", "workspaces", "Workspace", ws},
		{"models", "Spend per day by model", "models", "Model", models},
	} {
		// Five named groups and "other", or six named: no color repeats.
		charted := g.d.Top(len(groupColors)-1, g.kind)
		named := len(charted.Series)
		if named > 0 && charted.Series[named-1].other {
			named--
		}
		p.Charts = append(p.Charts, spendChart(g.id, g.title, charted))
		all := g.d.Top(len(g.d.Series), g.kind) // sorted, nothing folded
		p.Tables = append(p.Tables, spendTable("By "+strings.ToLower(g.column), g.column, all, named))
	}
	for _, g := range []struct {
		title, kind, column string
		series              []Series
	}{
		{"Top API keys", "API keys", "API key", r.ByAPIKey},
		{"Top users", "users", "User", r.ByUser},
	} {
		if len(g.series) == 0 {
			continue
		}
		// The ten largest and the rest in one row, so the total is whole.
		top := DailySpend{Timeline: r.Days, Series: g.series}.Top(10, g.kind)
		named := len(top.Series)
		if named > 0 && top.Series[named-1].other {
			named--
		}
		t := spendTable(g.title, g.column, top, named)
		if r.WhoNote != "" {
			t.Note = strings.TrimSpace(t.Note + " " + r.WhoNote)
		}
		p.Tables = append(p.Tables, t)
	}
	p.Charts = append(p.Charts, tokenChart(r.Days, r.Tokens))
	if r.Days.anyIncomplete() {
		var open []string
		for i, d := range r.Days.Days {
			if r.Days.incomplete(i) {
				open = append(open, d.Format("Jan 2"))
			}
		}
		p.Notice = fmt.Sprintf("Striped bars are not final yet: the data is complete up to %s, so %s will still grow.",
			r.Days.CompleteUntil.UTC().Format("Jan 2 15:04 UTC"), strings.Join(open, ", "))
	}
	return p
}

// DateRange shows the days of [start, end) for a title.
func DateRange(start, end time.Time) string {
	start, last := start.UTC(), end.UTC().Add(-time.Nanosecond)
	if start.Year() == last.Year() {
		return start.Format("Jan 2") + " – " + last.Format("Jan 2, 2006")
	}
	return start.Format("Jan 2, 2006") + " – " + last.Format("Jan 2, 2006")
}

func summaryCards(ws DailySpend, tokens TokenCounts) []card {
	var closedTotal, peak admin.Amount
	closedDays, peakDay := 0, -1
	for i := range ws.Days {
		t := ws.dayTotal(i)
		if !ws.incomplete(i) {
			closedDays++
			closedTotal = closedTotal.Add(t)
		}
		if peakDay < 0 || t.Cmp(peak) > 0 {
			peak, peakDay = t, i
		}
	}
	cards := []card{{"Total spend", Dollars(ws.total()), fmt.Sprintf("%d days", len(ws.Days))}}
	if closedDays > 0 {
		avg := new(big.Rat).Quo(closedTotal.Cents(), big.NewRat(int64(closedDays), 1))
		cards = append(cards, card{"Average per day", CentsRat(avg), fmt.Sprintf("over %d final days", closedDays)})
	}
	if peakDay >= 0 {
		cards = append(cards, card{"Busiest day", Dollars(peak), ws.Days[peakDay].Format("Mon Jan 2")})
	}
	read := sum(tokens.CacheRead)
	input := read + sum(tokens.UncachedInput) + sum(tokens.CacheWrite)
	return append(cards, card{"Tokens", compactCount(big.NewRat(input+sum(tokens.Output), 1)),
		Share(countAmount(read), countAmount(input)) + " of input read from cache"})
}

func sum(counts []int64) int64 {
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}

// chartLayer is one color of a stacked chart: a value per day, in the
// chart's unit (cents or tokens).
type chartLayer struct {
	name, color string
	note        string // shown beside the name in the legend
	values      []*big.Rat
}

// chartUnit formats a chart's values: briefly on the axis, fully in a
// tooltip; minStep keeps grid lines at whole cents or tokens.
type chartUnit struct {
	tick, full func(*big.Rat) string
	minStep    *big.Rat
}

var (
	moneyUnit = chartUnit{
		tick:    func(c *big.Rat) string { return strings.TrimSuffix(CentsRat(c), ".00") },
		full:    CentsRat,
		minStep: big.NewRat(1, 1),
	}
	tokenUnit = chartUnit{
		tick:    compactCount,
		full:    func(n *big.Rat) string { return GroupThousands(RoundText(n, 0)) + " tokens" },
		minStep: big.NewRat(1, 1),
	}
)

func spendChart(id, title string, d DailySpend) svgChart {
	layers := make([]chartLayer, len(d.Series))
	for g, s := range d.Series {
		layers[g] = chartLayer{name: s.Name, color: groupColor(s, g), values: make([]*big.Rat, len(s.Values))}
		for i, v := range s.Values {
			layers[g].values[i] = positive(v).Cents()
		}
	}
	return stackedChart(id, title, "Each bar is one UTC day, stacked by "+strings.TrimSuffix(id, "s")+".", d.Timeline, layers, moneyUnit)
}

// tokenChart stacks the token types; its legend carries each type's total
// and share, the token counterpart of the spend tables.
func tokenChart(t Timeline, c TokenCounts) svgChart {
	layers := make([]chartLayer, len(tokenKinds))
	sums := make([]admin.Amount, len(tokenKinds))
	var all admin.Amount
	for k, kind := range tokenKinds {
		layers[k] = chartLayer{name: kind.name, color: kind.color}
		for _, n := range kind.counts(c) {
			layers[k].values = append(layers[k].values, big.NewRat(max(n, 0), 1))
		}
		sums[k] = countAmount(sum(kind.counts(c)))
		all = all.Add(sums[k])
	}
	for k := range layers {
		layers[k].note = GroupThousands(sums[k].String()) + " · " + Share(sums[k], all)
	}
	return stackedChart("tokens", "Tokens per day by type", "Input split into uncached, cache writes and cache reads, then output.", t, layers, tokenUnit)
}

// svgChart is a stacked bar chart laid out in SVG user units.
type svgChart struct {
	ID, Title, Sub string
	W, H           int
	Open           bool // some day is not final
	Grid           []svgTick
	Bars, Hatches  []svgRect
	Days           []svgLabel
	Legend         []legendItem
}

type svgTick struct {
	X1, X2, Y string
	Label     string
}

type svgRect struct {
	X, Y, W, H, Fill, Tip string
	Open                  bool
}

type svgLabel struct{ X, Y, Text string }

type legendItem struct{ Name, Color, Note string }

// Chart geometry in SVG user units; the SVG scales to the page width.
const (
	chartW, chartH              = 960, 190
	plotLeft, plotRight         = 72, 8
	plotTop, plotBottom         = 10, 26
	barFill                     = 0.72 // share of a day's slot the bar fills
	minLabelGap         float64 = 52   // room a day label needs
)

// stackedChart lays out the bars. Heights are exact ratios of the axis top,
// turned into floats only to place pixels.
func stackedChart(id, title, sub string, t Timeline, layers []chartLayer, unit chartUnit) svgChart {
	c := svgChart{ID: id, Title: title, Sub: sub, W: chartW, H: chartH, Open: t.anyIncomplete()}
	for _, l := range layers {
		c.Legend = append(c.Legend, legendItem{Name: l.name, Color: l.color, Note: l.note})
	}
	n := len(t.Days)
	totals := make([]*big.Rat, n)
	peak := new(big.Rat)
	for i := range n {
		totals[i] = new(big.Rat)
		for _, l := range layers {
			totals[i].Add(totals[i], l.values[i])
		}
		if totals[i].Cmp(peak) > 0 {
			peak = totals[i]
		}
	}
	step, top := niceAxis(peak, unit.minStep)
	plotW, plotH := float64(chartW-plotLeft-plotRight), float64(chartH-plotTop-plotBottom)
	y := func(v *big.Rat) float64 {
		f, _ := new(big.Rat).Quo(v, top).Float64()
		return plotTop + plotH*(1-f)
	}
	for v := new(big.Rat); v.Cmp(top) <= 0; v = new(big.Rat).Add(v, step) {
		c.Grid = append(c.Grid, svgTick{X1: px(plotLeft), X2: px(chartW - plotRight), Y: px(y(v)), Label: unit.tick(v)})
	}
	if n == 0 {
		return c
	}
	slot := plotW / float64(n)
	barW := max(1, slot*barFill)
	every := int(minLabelGap/slot) + 1
	for i, day := range t.Days {
		x := plotLeft + float64(i)*slot + (slot-barW)/2
		label := day.Format("Jan 2")
		base := new(big.Rat)
		for _, l := range layers {
			v := l.values[i]
			if v.Sign() <= 0 {
				continue
			}
			end := new(big.Rat).Add(base, v)
			c.Bars = append(c.Bars, svgRect{X: px(x), Y: px(y(end)), W: px(barW), H: px(y(base) - y(end)), Fill: l.color,
				Tip: label + " · " + l.name + ": " + unit.full(v), Open: t.incomplete(i)})
			base = end
		}
		if t.incomplete(i) && base.Sign() > 0 {
			c.Hatches = append(c.Hatches, svgRect{X: px(x), Y: px(y(base)), W: px(barW), H: px(y(new(big.Rat)) - y(base)),
				Tip: label + " is not final yet: " + unit.full(base) + " so far"})
		}
		if i%every == 0 {
			c.Days = append(c.Days, svgLabel{X: px(x + barW/2), Y: px(chartH - 8), Text: label})
		}
	}
	return c
}

// niceAxis picks a round grid step (1, 2 or 5 times a power of ten, at
// least minStep) that splits the axis into about four parts, and the axis
// top: the first multiple of the step at or above the peak.
func niceAxis(peak, minStep *big.Rat) (step, top *big.Rat) {
	if peak.Sign() <= 0 {
		return minStep, new(big.Rat).Mul(minStep, big.NewRat(4, 1))
	}
	raw := new(big.Rat).Quo(peak, big.NewRat(4, 1))
	p, ten := big.NewRat(1, 1), big.NewRat(10, 1)
	for new(big.Rat).Mul(p, ten).Cmp(raw) <= 0 {
		p.Mul(p, ten)
	}
	for p.Cmp(raw) > 0 {
		p.Quo(p, ten)
	}
	for _, m := range []int64{1, 2, 5, 10} {
		if step = new(big.Rat).Mul(p, big.NewRat(m, 1)); step.Cmp(raw) >= 0 {
			break
		}
	}
	if step.Cmp(minStep) < 0 {
		step = minStep
	}
	q := new(big.Rat).Quo(peak, step)
	k := new(big.Int).Quo(q.Num(), q.Denom())
	if !q.IsInt() {
		k.Add(k, big.NewInt(1))
	}
	return step, new(big.Rat).Mul(step, new(big.Rat).SetInt(k))
}

func px(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func countAmount(n int64) admin.Amount { return admin.MustParseAmount(strconv.FormatInt(n, 10)) }

// compactCount writes a count briefly, rounded like every printed figure:
// 950, 12.5K, 3M, 1.2B.
func compactCount(n *big.Rat) string {
	for _, u := range []struct {
		size   int64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "K"}} {
		if n.Cmp(big.NewRat(u.size, 1)) >= 0 {
			return strings.TrimSuffix(RoundText(new(big.Rat).Quo(n, big.NewRat(u.size, 1)), 1), ".0") + u.suffix
		}
	}
	return RoundText(n, 0)
}

// spendTable lists every group, in the colors the chart gave them: the
// first charted groups keep theirs, the ones the chart folded are gray.
func spendTable(title, group string, d DailySpend, charted int) totalsTable {
	total := d.total()
	t := totalsTable{Title: title, Group: group, Total: Dollars(total), TotalShare: Share(total, total)}
	parts := make([]admin.Amount, len(d.Series))
	for g, s := range d.Series {
		color := otherColor
		if g < charted {
			color = groupColor(s, g)
		}
		parts[g] = s.total()
		t.Rows = append(t.Rows, totalsRow{Name: s.Name, Value: Dollars(s.total()), Share: Share(s.total(), total),
			Bar: shareBar(s.total(), total, color)})
	}
	t.Note = RoundingNote(parts, total)
	return t
}

// shareBar styles a row's bar: as wide as its share, in its chart color.
func shareBar(part, total admin.Amount, color string) template.CSS {
	return template.CSS(fmt.Sprintf("width:%s;background:%s", Percent(Fraction(positive(part), total)), color))
}

var reportPage = template.Must(template.New("report").Parse(reportTemplate))

const reportTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="anthropic-admin"/>
<title>{{.Title}} · Claude API spend report</title>
<style>
:root { color-scheme: light; --ink: #1f2430; --muted: #667085; --line: #e4e7ec; --panel: #ffffff; --page: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 22px 24px 28px; }
header { margin-bottom: 18px; }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 2px 0 2px; font-size: 26px; font-weight: 650; }
.range { margin: 0; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 16px; }
.card, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.card { padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .note { color: var(--muted); font-size: 12px; }
.notice { margin: 0 0 16px; padding: 9px 12px; border-radius: 8px; background: #fff7e6; border: 1px solid #f5d9a8; color: #7a4b00; }
.panel { padding: 12px 16px 10px; margin-bottom: 14px; }
h2 { margin: 0; font-size: 16px; font-weight: 620; }
.sub { margin: 2px 0 8px; color: var(--muted); font-size: 12px; }
svg.chart { display: block; width: 100%; height: auto; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .tick, .chart .day { fill: var(--muted); font-size: 11px; }
.chart .tick { text-anchor: end; }
.chart .day { text-anchor: middle; }
.chart rect.open { opacity: .7; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 0; padding: 0; list-style: none; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend .note { color: var(--muted); font-variant-numeric: tabular-nums; }
svg.sw { width: 12px; height: 12px; flex: none; }
.tables { display: grid; grid-template-columns: 1fr 1fr; gap: 32px; align-items: start; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 4px 6px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 500; font-size: 12px; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.name { word-break: break-word; }
td.bar, th.bar { width: 30%; padding-left: 2px; vertical-align: middle; }
.meter { height: 6px; border-radius: 3px; background: var(--line); }
.meter div { height: 6px; border-radius: 3px; }
tfoot td { font-weight: 600; border-bottom: none; }
footer { color: var(--muted); font-size: 12px; }
@media (max-width: 800px) { .cards { grid-template-columns: 1fr 1fr; } .tables { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">Claude API spend report</p>
<h1>{{.Title}}</h1>
<p class="range">{{.Range}} (UTC days)</p>
</header>
<section class="cards">
{{- range .Cards}}
<div class="card"><div class="label">{{.Label}}</div><div class="value">{{.Value}}</div><div class="note">{{.Note}}</div></div>
{{- end}}
</section>
{{- if .Notice}}
<p class="notice">{{.Notice}}</p>
{{- end}}
{{- range .Charts}}
<section class="panel" id="{{.ID}}">
<h2>{{.Title}}</h2>
<p class="sub">{{.Sub}}</p>
<svg class="chart" viewBox="0 0 {{.W}} {{.H}}" role="img" aria-label="{{.Title}}">
<defs><pattern id="{{.ID}}-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="7" fill="#ffffff" fill-opacity="0.6"/></pattern></defs>
{{- range .Grid}}
<line class="grid" x1="{{.X1}}" x2="{{.X2}}" y1="{{.Y}}" y2="{{.Y}}"/><text class="tick" x="{{.X1}}" y="{{.Y}}" dx="-8" dy="4">{{.Label}}</text>
{{- end}}
{{- range .Bars}}
<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"{{if .Open}} class="open"{{end}}><title>{{.Tip}}</title></rect>
{{- end}}
{{- $hatch := printf "url(#%s-hatch)" .ID}}
{{- range .Hatches}}
<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{$hatch}}"><title>{{.Tip}}</title></rect>
{{- end}}
{{- range .Days}}
<text class="day" x="{{.X}}" y="{{.Y}}">{{.Text}}</text>
{{- end}}
</svg>
<ul class="legend">
{{- range .Legend}}
<li><svg class="sw" viewBox="0 0 10 10"><rect width="10" height="10" rx="2" fill="{{.Color}}"/></svg>{{.Name}}{{if .Note}}<span class="note">{{.Note}}</span>{{end}}</li>
{{- end}}
{{- if .Open}}
<li><svg class="sw" viewBox="0 0 10 10"><rect width="10" height="10" rx="2" fill="#9aa3ae"/><rect width="10" height="10" rx="2" fill="{{$hatch}}"/></svg>not final yet</li>
{{- end}}
</ul>
</section>
{{- end}}
<section class="panel">
<h2>Totals</h2>
<p class="sub">Every group over the whole range, in US dollars rounded to the cent; the token totals are in the legend above.</p>
<div class="tables">
{{- range .Tables}}
<table>
<caption>{{.Title}}</caption>
<thead><tr><th>{{.Group}}</th><th class="num">Spend</th><th class="num">Share</th><th class="bar"></th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td class="name">{{.Name}}</td><td class="num">{{.Value}}</td><td class="num">{{.Share}}</td><td class="bar"><div class="meter"><div style="{{.Bar}}"></div></div></td></tr>
{{- end}}
</tbody>
<tfoot><tr><td>Total</td><td class="num">{{.Total}}</td><td class="num">{{.TotalShare}}</td><td class="bar"></td></tr></tfoot>
</table>
{{- if .Note}}
<p class="sub">{{.Note}}</p>
{{- end}}
{{- end}}
</div>
</section>
<footer>Generated {{.Generated}} by anthropic-admin from the Admin API cost and usage reports. Priority Tier spend is not in the cost report.</footer>
</main>
</body>
</html>
`
