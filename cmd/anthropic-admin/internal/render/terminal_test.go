package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/anthropic-admin-go/admin"
)

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// drawCharts draws the sample's daily bars and sparklines.
func drawCharts(width int, fancy bool) string {
	var buf bytes.Buffer
	c := TermChart{W: &buf, Width: width, Fancy: fancy}
	d := sampleByWorkspace().Top(5, "workspaces")
	c.Bars(d)
	buf.WriteString("\n")
	c.Sparklines(d)
	return buf.String()
}

func TestChartsGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		width int
		fancy bool
	}{
		{"chart-plain-narrow", 60, false},
		{"chart-plain-wide", 120, false},
		{"chart-fancy-narrow", 60, true},
		{"chart-fancy-wide", 120, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := drawCharts(tc.width, tc.fancy)
			golden(t, tc.name, got)
			visible := ansi.ReplaceAllString(got, "")
			for _, line := range strings.Split(strings.TrimSuffix(visible, "\n"), "\n") {
				if n := utf8.RuneCountInString(line); n > tc.width {
					t.Errorf("line is %d columns, wider than %d: %q", n, tc.width, line)
				}
			}
			if !tc.fancy {
				// Only the names may be more than ASCII (a cut one ends in "…").
				for i, r := range got {
					if (r > '~' && r != '…') || (r < ' ' && r != '\n') {
						t.Fatalf("plain chart has %q at byte %d: not printable ASCII", r, i)
					}
				}
			}
			if tc.fancy && !strings.Contains(got, "\x1b[34m") {
				t.Errorf("fancy chart has no colors")
			}
		})
	}
}

// The plain and fancy bars have the same lengths: only the drawing differs.
func TestChartModesAgree(t *testing.T) {
	plain := strings.Split(drawCharts(120, false), "\n")
	fancy := strings.Split(ansi.ReplaceAllString(drawCharts(120, true), ""), "\n")
	for i := range 31 {
		p, f := []rune(plain[i]), []rune(fancy[i])
		if len(p) != len(f) {
			t.Fatalf("line %d: plain %q, fancy %q", i, plain[i], fancy[i])
		}
		for j := range p {
			if (p[j] == '#' || p[j] == '-') != (f[j] != ' ' && strings.ContainsRune("█▏▎▍▌▋▊▉", f[j])) {
				t.Fatalf("line %d column %d: plain %q, fancy %q", i, j, plain[i], fancy[i])
			}
		}
	}
}

func TestBarsScaleExactly(t *testing.T) {
	d := DailySpend{Timeline: Timeline{Days: sampleDays().Days[:4]}, Series: []Series{
		{Name: "a", Values: amounts("1000", "500", "0.001", "-20")},
		{Name: "b", Values: amounts("0", "250", "0", "10")},
	}}
	var buf bytes.Buffer
	TermChart{W: &buf, Width: 40, Fancy: false}.Bars(d)
	want := strings.Join([]string{
		"  Oct 21   #####################  $10.00",
		"  Oct 22   ###############-        $7.50",
		"  Oct 23   -                       $0.00",
		"  Oct 24   -                      -$0.10",
		"",
	}, "\n")
	if buf.String() != want {
		t.Errorf("bars:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestSparkLevel(t *testing.T) {
	peak := admin.MustParseAmount("800")
	for _, tc := range []struct {
		v    string
		want int
	}{{"0", 0}, {"-5", 0}, {"0.00001", 1}, {"100", 1}, {"100.00001", 2}, {"400", 4}, {"799.9", 8}, {"800", 8}} {
		if got := sparkLevel(admin.MustParseAmount(tc.v), peak, 8); got != tc.want {
			t.Errorf("sparkLevel(%s) = %d, want %d", tc.v, got, tc.want)
		}
	}
	if got := sparkLevel(admin.MustParseAmount("5"), admin.Amount{}, 8); got != 0 {
		t.Errorf("level with no peak = %d", got)
	}
}

func amounts(texts ...string) []admin.Amount {
	out := make([]admin.Amount, len(texts))
	for i, s := range texts {
		out[i] = admin.MustParseAmount(s)
	}
	return out
}

// Days without spend draw empty bars and blank marks, and no days draw
// nothing, rather than dividing by zero.
func TestChartsWithoutSpend(t *testing.T) {
	d := DailySpend{Timeline: Timeline{Days: sampleDays().Days[:2]}, Series: []Series{{Name: "idle", Values: amounts("0", "0")}}}
	var buf bytes.Buffer
	c := TermChart{W: &buf, Width: 50}
	c.Bars(d)
	c.Sparklines(d)
	want := strings.Join([]string{
		"  Oct 21                                     $0.00",
		"  Oct 22                                     $0.00",
		"  idle       $0.00    0.0%",
		"  total      $0.00    0.0%",
		"",
	}, "\n")
	if buf.String() != want {
		t.Errorf("charts of no spend:\n%q\nwant:\n%q", buf.String(), want)
	}
	buf.Reset()
	c.Bars(DailySpend{})
	c.Sparklines(DailySpend{})
	if buf.Len() != 0 {
		t.Errorf("charts of no days wrote %q", buf.String())
	}
}
