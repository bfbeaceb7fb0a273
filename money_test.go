package admin_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

func mustAmount(t *testing.T, s string) admin.Amount {
	t.Helper()
	a, err := admin.ParseAmount(s)
	if err != nil {
		t.Fatalf("ParseAmount(%q): %v", s, err)
	}
	return a
}

func ratOf(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return r
}

func TestParseAmount(t *testing.T) {
	huge := strings.Repeat("9", 400) + "." + strings.Repeat("9", 60)
	tests := []struct {
		in    string
		cents string // the exact value, as big.Rat text
		sign  int
	}{
		{"123.78912", "12378912/100000", 1},
		{"0.1", "1/10", 1},
		{"1500", "1500", 1},
		{"0", "0", 0},
		{"-0", "0", 0},
		{"-0.000", "0", 0},
		{"-17198.23758", "-1719823758/100000", -1},
		{"007.50", "15/2", 1},
		{"0.000000000000000000000000000001", "1/1000000000000000000000000000000", 1},
		{huge, huge, 1},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 20)], func(t *testing.T) {
			a := mustAmount(t, tt.in)
			if a.String() != tt.in {
				t.Errorf("String() = %q, want the text as given", a.String())
			}
			if a.Cents().Cmp(ratOf(t, tt.cents)) != 0 {
				t.Errorf("Cents() = %s, want %s", a.Cents().RatString(), tt.cents)
			}
			if a.Sign() != tt.sign || a.IsZero() != (tt.sign == 0) {
				t.Errorf("Sign() = %d, IsZero() = %v, want sign %d", a.Sign(), a.IsZero(), tt.sign)
			}
		})
	}
}

func TestParseAmountRefusesBadInput(t *testing.T) {
	for _, in := range []string{
		"", "-", "+1", "--1", "1.", ".5", "-.5", "1.2.3", " 1", "1 ", "1,000", "1_000", "0x10",
		"1e5", "1E5", "1.5e-3", "NaN", "Inf", "-Infinity", "١٢", "12a", "$1.00",
		strings.Repeat("1", 1001),
	} {
		if a, err := admin.ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) = %s, want an error", in, a)
		}
	}
}

func TestAmountZeroValue(t *testing.T) {
	var z admin.Amount
	if z.String() != "0" || !z.IsZero() || z.Sign() != 0 || z.Cents().Sign() != 0 || z.DollarString(2) != "0.00" {
		t.Errorf("zero Amount: String %q IsZero %v DollarString %q", z, z.IsZero(), z.DollarString(2))
	}
	if got := z.Add(mustAmount(t, "123.78912")); got.String() != "123.78912" {
		t.Errorf("0 + 123.78912 = %s", got)
	}
	if b, _ := json.Marshal(z); string(b) != `"0"` {
		t.Errorf("zero Amount marshals as %s", b)
	}
}

func TestAmountSumIsExact(t *testing.T) {
	big1 := "1" + strings.Repeat("0", 400)
	nines := strings.Repeat("9", 400)
	tests := []struct {
		name string
		in   []string
		want string // exact text of the sum
	}{
		// In float64, 0.1+0.2 is 0.30000000000000004.
		{"float trap", []string{"0.1", "0.2"}, "0.3"},
		{"ten dimes", strings.Fields(strings.Repeat("0.1 ", 10)), "1.0"},
		{"longer fraction wins", []string{"1.50", "1"}, "2.50"},
		{"negative", []string{"-0.5", "0.25"}, "-0.25"},
		{"to zero", []string{"-123.78912", "123.78912"}, "0.00000"},
		{"many fraction digits", []string{"0.000000000000000000001", "0.000000000000000000002"}, "0.000000000000000000003"},
		{"huge", []string{nines, "1"}, big1},
		{"huge with cents", []string{nines + ".99", "0.01"}, big1 + ".00"},
		{"report amounts", []string{"17198.23758", "123.78912", "1500", "0.1"}, "18822.12670"},
		{"none", nil, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var amounts []admin.Amount
			for _, s := range tt.in {
				amounts = append(amounts, mustAmount(t, s))
			}
			got := admin.Sum(amounts...)
			if got.String() != tt.want {
				t.Errorf("Sum = %s, want %s", got, tt.want)
			}
			folded := admin.Amount{}
			for _, a := range amounts {
				folded = folded.Add(a)
			}
			if folded.Cmp(got) != 0 {
				t.Errorf("Add one by one = %s, Sum = %s", folded, got)
			}
		})
	}
	// A thousand cents, one at a time: exact, where float64 drifts.
	var total admin.Amount
	cent := mustAmount(t, "0.01")
	for range 1000 {
		total = total.Add(cent)
	}
	if total.String() != "10.00" {
		t.Errorf("1000 × 0.01 = %s, want 10.00", total)
	}
}

func TestAmountCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0", "1", 0},
		{"0.10", "0.1", 0},
		{"-0", "0.000", 0},
		{"-1", "0", -1},
		{"0.30000000000000004", "0.3", 1},
		{"123.78912", "123.78913", -1},
		{strings.Repeat("9", 300), strings.Repeat("9", 299), 1},
		{"-" + strings.Repeat("9", 300), "-1", -1},
	}
	for _, tt := range tests {
		if got := mustAmount(t, tt.a).Cmp(mustAmount(t, tt.b)); got != tt.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAmountDollars(t *testing.T) {
	tests := []struct {
		cents  string
		places int
		want   string
	}{
		{"123.78912", 2, "1.24"},
		{"17198.23758", 2, "171.98"},
		{"1500", 2, "15.00"},
		{"1500", 0, "15"},
		{"123.78912", 7, "1.2378912"},
		{"123.78912", 9, "1.237891200"},
		// Half away from zero, not to even.
		{"0.5", 2, "0.01"},
		{"-0.5", 2, "-0.01"},
		{"150", 0, "2"},
		{"250", 0, "3"},
		{"-250", 0, "-3"},
		{"0.49999", 2, "0.00"},
		{"-0.4", 2, "0.00"}, // rounds to zero: no sign
		{"99.5", 2, "1.00"},
		{"186", 2, "1.86"},
		{"1", -3, "0"}, // negative places count as 0
		{strings.Repeat("9", 30) + ".5", 2, "1" + strings.Repeat("0", 28) + ".00"},
	}
	for _, tt := range tests {
		if got := mustAmount(t, tt.cents).DollarString(tt.places); got != tt.want {
			t.Errorf("%s cents with %d places = %q, want %q", tt.cents, tt.places, got, tt.want)
		}
	}
	a := mustAmount(t, "123.78912")
	if a.Dollars().Cmp(ratOf(t, "1.2378912")) != 0 {
		t.Errorf("Dollars() = %s, want 1.2378912", a.Dollars().RatString())
	}
	// Cents and Dollars hand out copies.
	a.Cents().SetInt64(0)
	a.Dollars().SetInt64(0)
	if a.String() != "123.78912" || a.Cents().Cmp(ratOf(t, "123.78912")) != 0 {
		t.Errorf("changing a returned Rat changed the amount to %s", a.Cents().RatString())
	}
}

func TestAmountJSON(t *testing.T) {
	var v struct {
		Str, Int, Neg, Exp, StrExp, Null, Absent admin.Amount
	}
	v.Null = mustAmount(t, "7") // null leaves the value alone
	data := `{"Str":"123.78912","Int":186,"Neg":-0.5,"Exp":1.86e2,"StrExp":"1E-7","Null":null}`
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		got       admin.Amount
		text      string
		centsText string
	}{
		{v.Str, "123.78912", "123.78912"},
		{v.Int, "186", "186"},
		{v.Neg, "-0.5", "-1/2"},
		{v.Exp, "1.86e2", "186"},
		{v.StrExp, "1E-7", "1/10000000"},
		{v.Null, "7", "7"},
		{v.Absent, "0", "0"},
	} {
		if c.got.String() != c.text || c.got.Cents().Cmp(ratOf(t, c.centsText)) != 0 {
			t.Errorf("decoded %q (= %s), want text %q = %s", c.got, c.got.Cents().RatString(), c.text, c.centsText)
		}
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, out, []byte(`{"Str":"123.78912","Int":"186","Neg":"-0.5","Exp":"1.86e2","StrExp":"1E-7","Null":"7","Absent":"0"}`))

	// What Marshal wrote decodes to the same amounts.
	var back struct{ Str, Exp admin.Amount }
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if back.Str.String() != "123.78912" || back.Exp.Cmp(mustAmount(t, "186")) != 0 {
		t.Errorf("round trip gave %s and %s", back.Str, back.Exp)
	}

	for _, bad := range []string{`"abc"`, `true`, `{}`, `[1]`, `""`, `"1e99999"`, `"1.5 "`, `"+1"`} {
		var a admin.Amount
		if err := json.Unmarshal([]byte(bad), &a); err == nil {
			t.Errorf("decoding %s gave %s, want an error", bad, a)
		}
	}
}

func TestAmountText(t *testing.T) {
	var a admin.Amount
	if err := a.UnmarshalText([]byte("-42.125")); err != nil || a.String() != "-42.125" {
		t.Errorf("UnmarshalText = %s, %v", a, err)
	}
	if err := a.UnmarshalText([]byte("1e3")); err == nil {
		t.Error("UnmarshalText accepted an exponent, which ParseAmount refuses")
	}
	if b, _ := a.MarshalText(); string(b) != "-42.125" {
		t.Errorf("MarshalText = %s", b)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseAmount did not panic on bad input")
		}
	}()
	admin.MustParseAmount("1.")
}

func TestParseDollars(t *testing.T) {
	tests := []struct{ in, cents string }{
		{"500", "50000"},
		{"1234.56", "123456"},
		{"$99.90", "9990"},
		{" 0.5 ", "50"},
		{"0.005", "0.5"},
		{"12.3456", "1234.56"},
		{"-3", "-300"},
		{"0", "0"},
		{"100000000000000000000.01", "10000000000000000000001"}, // beyond float64's exact integers
	}
	for _, tt := range tests {
		a, err := admin.ParseDollars(tt.in)
		if err != nil || a.String() != tt.cents {
			t.Errorf("ParseDollars(%q) = %s, %v; want %s cents", tt.in, a, err, tt.cents)
		}
	}
	for _, bad := range []string{"", "$", "1,234.56", "1e3", "12.", ".5", "ten", "$ 5", "5$", "0x10", "1_000"} {
		a, err := admin.ParseDollars(bad)
		if !errors.Is(err, admin.ErrInvalidParam) {
			t.Errorf("ParseDollars(%q) = %s, %v; want ErrInvalidParam", bad, a, err)
		}
	}
	if _, err := admin.ParseDollars("1,234.56"); err == nil || !strings.Contains(err.Error(), "thousands separators") {
		t.Errorf("a comma: %v", err)
	}
}
