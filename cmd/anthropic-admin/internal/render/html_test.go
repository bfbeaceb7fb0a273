package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math/big"
	"regexp"
	"strings"
	"testing"
)

func sampleReport() HTMLReport {
	days := sampleDays()
	return HTMLReport{
		Title: "Acme Robotics", Start: days.Days[0], End: testNow, Generated: testNow, Days: days,
		ByWorkspace: sampleByWorkspace().Series, ByModel: sampleByModel().Series, Tokens: sampleTokens(),
	}
}

func sampleTokens() TokenCounts {
	t := sampleDays()
	var c TokenCounts
	for i := range t.Days {
		wobble := int64(90 + (i*13)%25)
		if t.incomplete(i) {
			wobble = wobble * 64 / 100
		}
		c.UncachedInput = append(c.UncachedInput, 412_000*wobble+int64(i*7919))
		c.CacheWrite = append(c.CacheWrite, 96_000*wobble+int64(i*104729%9000))
		c.CacheRead = append(c.CacheRead, 1_380_000*wobble+int64(i*3371))
		c.Output = append(c.Output, 118_000*wobble+int64(i*811))
	}
	return c
}

func renderReport(t *testing.T, r HTMLReport) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// parseXML reads the page as XML, which it is written to be, and returns its
// elements by name and all its text.
func parseXML(t *testing.T, page string) (map[string]int, string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(page))
	elements := map[string]int{}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return elements, text.String()
		}
		if err != nil {
			t.Fatalf("the report is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements[tok.Name.Local]++
		case xml.CharData:
			text.Write(tok)
		}
	}
}

func TestHTMLReport(t *testing.T) {
	page := renderReport(t, sampleReport())

	elements, text := parseXML(t, page)

	// Self-contained: nothing to fetch, nothing to run.
	lower := strings.ToLower(page)
	for _, banned := range []string{"<script", "http://", "https://", "<img", "<link", "<iframe", "@import", "src=", "href=", "javascript:", " on"} {
		if banned == " on" {
			if m := regexp.MustCompile(`\son[a-z]+=`).FindString(lower); m != "" {
				t.Errorf("the report has an event handler %q", m)
			}
			continue
		}
		if strings.Contains(lower, banned) {
			t.Errorf("the report contains %q", banned)
		}
	}
	for _, m := range regexp.MustCompile(`url\([^)]*\)`).FindAllString(page, -1) {
		if !strings.HasPrefix(m, "url(#") {
			t.Errorf("the report refers to %s, outside the page", m)
		}
	}

	if elements["svg"] < 3 || elements["style"] != 1 || elements["table"] != 2 {
		t.Errorf("elements = %v: want 3 charts, one style sheet and 2 tables", elements)
	}
	ws, models := sampleByWorkspace(), sampleByModel()
	// Shares are the exact ratios rounded half away from zero (as
	// big.Rat.FloatString rounds), never cut.
	tok := sampleTokens()
	read, input := sum(tok.CacheRead), sum(tok.CacheRead)+sum(tok.UncachedInput)+sum(tok.CacheWrite)
	pct := func(part, whole int64) string { return new(big.Rat).SetFrac64(100*part, whole).FloatString(1) + "%" }
	for _, want := range []string{
		"Acme Robotics", "Oct 21 – Nov 20, 2026",
		Dollars(ws.total()),       // the total card and table footers
		"$2,708.62", "Thu Nov 19", // the busiest day
		"Nov 19 · Production: $1,514.04", // a tooltip: a day, a group, its spend
		"complete up to Nov 20 15:30 UTC, so Nov 20 will still grow",
		"Uncached input", "Cache write", "Output",
		"Cache read4,275,427,515 · " + pct(read, input+sum(tok.Output)), // the token legend: a type, its total and share
		pct(read, input) + " of input read from cache",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
	for _, s := range append(ws.Series, models.Series...) {
		if !strings.Contains(text, s.Name) || !strings.Contains(text, Dollars(s.total())) {
			t.Errorf("the totals lack %s (%s)", s.Name, Dollars(s.total()))
		}
	}
	// The charts fold the two smallest workspaces into one group; the
	// totals table still lists them.
	if !strings.Contains(text, "2 other workspaces") || strings.Contains(text, "other models") {
		t.Errorf("want the workspaces folded and the 5 models kept")
	}
	// The one day that is not final is hatched in each of the 3 charts.
	if n := strings.Count(page, `fill="url(#`); n != 3+3 { // + the legend swatches
		t.Errorf("%d hatched shapes, want 6", n)
	}
}

func TestHTMLReportEscapesNames(t *testing.T) {
	const evil = `<b>&"x"</b>`
	r := sampleReport()
	r.Title = evil
	r.ByWorkspace[0].Name = evil
	r.ByModel[1].Name = evil + `<script>alert(1)</script>`
	r.ByModel[0].Name = `"><img src=x onerror=alert(1)>`
	page := renderReport(t, r)
	if strings.Contains(page, "<b>") || strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Fatalf("a name went into the page unescaped")
	}
	// The page is mailed around: even if something slipped through, the
	// browser must run no script and load nothing from elsewhere.
	const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"/>`
	if !strings.Contains(page, csp) || strings.Index(page, csp) > strings.Index(page, "<style>") {
		t.Errorf("the page has no Content-Security-Policy before its first style")
	}
	if !strings.Contains(page, `&lt;b&gt;&amp;&#34;x&#34;&lt;/b&gt;`) {
		t.Errorf("the escaped name is missing")
	}
	_, text := parseXML(t, page)
	// The title, the legend, tooltips and the totals all show the name.
	if n := strings.Count(text, evil); n < 5 {
		t.Errorf("the name shows %d times as text, want at least 5", n)
	}
}

func TestHTMLReportWithNoDays(t *testing.T) {
	page := renderReport(t, HTMLReport{Title: "Empty", Start: testNow, End: testNow.Add(1)})
	_, text := parseXML(t, page)
	if !strings.Contains(text, "$0.00") || strings.Contains(text, "not final") {
		t.Errorf("an empty report should show zero spend and no notice:\n%s", text)
	}
}

func TestNiceAxis(t *testing.T) {
	for _, tc := range []struct {
		peak      *big.Rat
		step, top string
	}{
		{big.NewRat(270862, 1), "100000", "300000"},
		{big.NewRat(950, 1), "500", "1000"},
		{big.NewRat(400, 1), "100", "400"},
		{big.NewRat(3, 10), "1", "1"}, // never below one cent or token
		{new(big.Rat), "1", "4"},
	} {
		step, top := niceAxis(tc.peak, big.NewRat(1, 1))
		if step.RatString() != tc.step || top.RatString() != tc.top {
			t.Errorf("niceAxis(%s) = %s, %s; want %s, %s", tc.peak.RatString(), step.RatString(), top.RatString(), tc.step, tc.top)
		}
	}
}

func TestCompactCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 950: "950", 12_500: "12.5K", 3_000_000: "3M", 1_240_000_000: "1.2B"} {
		if got := compactCount(big.NewRat(n, 1)); got != want {
			t.Errorf("compactCount(%d) = %s, want %s", n, got, want)
		}
	}
}
