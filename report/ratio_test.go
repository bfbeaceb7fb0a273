package report_test

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

func TestRatioDollarString(t *testing.T) {
	tests := []struct {
		cents  string
		places int
		want   string
	}{
		{"3169795/112", 2, "283.02"},
		{"3169795/112", 4, "283.0174"},
		{"3169795/112", 0, "283"},
		{"1/2", 2, "0.01"}, // half a cent rounds away from zero
		{"-1/2", 2, "-0.01"},
		{"-1/3", 2, "0.00"}, // rounds to zero: no sign
		{"100/3", 3, "0.333"},
		{"0", 2, "0.00"},
		{"123456", -1, "1235"},
	}
	for _, tt := range tests {
		if got := report.RatioOf(ratOf(t, tt.cents)).DollarString(tt.places); got != tt.want {
			t.Errorf("%s cents with %d places = %s, want %s", tt.cents, tt.places, got, tt.want)
		}
	}
	if got := (report.Ratio{}).DollarString(2); got != "0.00" {
		t.Errorf("the zero Ratio = %s", got)
	}
	if got := report.RatioOf(nil).DollarString(2); got != "0.00" {
		t.Errorf("RatioOf(nil) = %s", got)
	}
	// The same rounding as Amount.DollarString.
	for _, s := range []string{"123.78912", "0.5", "-0.5", "-0.4", "99999.5"} {
		a := admin.MustParseAmount(s)
		if got, want := report.RatioOf(a.Cents()).DollarString(2), a.DollarString(2); got != want {
			t.Errorf("%s cents = %s, DollarString %s", s, got, want)
		}
	}
}

func TestRatioRoundAndPercent(t *testing.T) {
	tests := []struct {
		ratio          string
		places         int
		round, percent string
	}{
		{"497/48", 2, "10.35", "1035.42"},
		{"1/2", 0, "1", "50"},
		{"-1/2", 0, "-1", "-50"},
		{"-1/1000", 2, "0.00", "-0.10"}, // rounds to zero: no sign; as a percentage it does not
		{"-1/100000", 1, "0.0", "0.0"},
		{"2517/10000", 1, "0.3", "25.2"},
		{"633959/560000", 1, "1.1", "113.2"},
		{"1/8", 2, "0.13", "12.50"},
		{"7", -3, "7", "700"},
		{"0", 1, "0.0", "0.0"},
	}
	for _, tt := range tests {
		x := report.RatioOf(ratOf(t, tt.ratio))
		if got := x.Round(tt.places); got != tt.round {
			t.Errorf("%s.Round(%d) = %s, want %s", tt.ratio, tt.places, got, tt.round)
		}
		if got := x.Percent(tt.places); got != tt.percent {
			t.Errorf("%s.Percent(%d) = %s, want %s", tt.ratio, tt.places, got, tt.percent)
		}
	}
}

func TestRatioDecimal(t *testing.T) {
	dollars := func(cents string) *big.Rat { return admin.MustParseAmount(cents).Dollars() }
	tests := []struct {
		ratio *big.Rat
		want  string
		exact bool
	}{
		{dollars("123.78912"), "1.2378912", true},
		{dollars("1500"), "15", true},
		{dollars("-0.5"), "-0.005", true},
		{new(big.Rat), "0", true},
		{big.NewRat(1, 1024), "0.0009765625", true},
		{big.NewRat(1, 3), "", false},
		{big.NewRat(28001, 28), "", false},
		{big.NewRat(-7, 6), "", false},
	}
	for _, tt := range tests {
		got, exact := report.RatioOf(tt.ratio).Decimal()
		if got != tt.want || exact != tt.exact {
			t.Errorf("%s.Decimal() = %q, %v; want %q, %v", tt.ratio.RatString(), got, exact, tt.want, tt.exact)
		}
	}
}

func TestRatioIsImmutable(t *testing.T) {
	src := big.NewRat(497, 48)
	x := report.RatioOf(src)
	src.SetInt64(0) // the caller's big.Rat, changed afterwards
	r := x.Rat()
	r.SetInt64(1) // a big.Rat handed out, changed
	if x.String() != "497/48" || x.Cmp(report.RatioOf(big.NewRat(497, 48))) != 0 {
		t.Errorf("the Ratio changed with the big.Rats it came from and went to: %s", x)
	}
	y := x // a copy has the value, and nothing changes either
	if y.Cmp(x) != 0 || y.Sign() != 1 || (report.Ratio{}).Sign() != 0 || report.RatioOf(big.NewRat(-1, 3)).Sign() != -1 {
		t.Errorf("copy %s, signs wrong", y)
	}
	if x.Cmp(report.RatioOf(big.NewRat(10, 1))) != 1 || report.RatioOf(big.NewRat(10, 1)).Cmp(x) != -1 {
		t.Error("497/48 does not compare above 10")
	}
}

func TestRatioText(t *testing.T) {
	type figures struct {
		Days  report.Ratio `json:"days"`
		Share report.Ratio `json:"share"`
		Zero  report.Ratio `json:"zero"`
	}
	in := figures{Days: report.RatioOf(big.NewRat(497, 48)), Share: report.RatioOf(big.NewRat(7, 1))}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"days":"497/48","share":"7","zero":"0"}` {
		t.Errorf("JSON %s", b)
	}
	var out figures
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Days.Cmp(in.Days) != 0 || out.Share.Cmp(in.Share) != 0 || out.Zero.Sign() != 0 {
		t.Errorf("read back %+v", out)
	}
	var x report.Ratio
	if err := x.UnmarshalText([]byte("10.354")); err != nil || x.String() != "5177/500" {
		t.Errorf("a decimal reads as %s, %v", x, err)
	}
	for _, bad := range []string{"", "ten", "1/0", "1e9", "0x10", "1 / 2", string(make([]byte, 1001))} {
		if err := x.UnmarshalText([]byte(bad)); err == nil {
			t.Errorf("%.20q read as %s", bad, x)
		}
	}
	if x.String() != "5177/500" {
		t.Errorf("a refused text changed the Ratio to %s", x)
	}
}
