package render

import (
	"math/big"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/report"
)

// TestEveryFigureIsItsExactValueRounded: amounts and shares are rounded
// half away from zero from their exact values, never cut.
func TestEveryFigureIsItsExactValueRounded(t *testing.T) {
	amount := admin.MustParseAmount
	tests := []struct {
		name, got, want string
	}{
		{"a 56.26% share", Share(amount("5626"), amount("10000")), "56.3%"},
		{"a 3.37% share", Share(amount("337"), amount("10000")), "3.4%"},
		{"a share just under a half tenth", Share(amount("56.249999"), amount("100")), "56.2%"},
		{"a share of exactly half a tenth", Share(amount("1"), amount("8")), "12.5%"},
		{"a negative share", Share(amount("-337"), amount("10000")), "-3.4%"},
		{"the whole", Share(amount("10000"), amount("10000")), "100.0%"},
		{"a share of nothing", Share(amount("5"), amount("0")), "0.0%"},
		{"a half cent", Dollars(amount("252530.5")), "$2,525.31"},
		{"just under a half cent", Dollars(amount("252530.4999")), "$2,525.30"},
		{"a negative half cent", Dollars(amount("-252530.5")), "-$2,525.31"},
		{"a credit that rounds to nothing", Dollars(amount("-0.4")), "$0.00"},
		{"a projection in thirds of a cent", CentsRat(big.NewRat(757591, 3)), "$2,525.30"},
		{"two thirds of a cent", CentsRat(big.NewRat(2, 3)), "$0.01"},
		{"days left", RoundText(big.NewRat(497, 48), 2), "10.35"},
		{"a count in brief", compactCount(big.NewRat(12_450, 1)), "12.5K"},
		{"a count just under a half", compactCount(big.NewRat(12_449, 1)), "12.4K"},
		{"a whole count in brief", compactCount(big.NewRat(3_000_000, 1)), "3M"},
		{"acceptance of 2 in 3", Acceptance(report.ClaudeCodeActivity{ToolAccepted: 2, ToolRejected: 1}), "66.7%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

// TestRoundingNote: the footnote is there exactly when the rows, each
// rounded, do not add up to the TOTAL printed under them.
func TestRoundingNote(t *testing.T) {
	amounts := func(s ...string) []admin.Amount {
		out := make([]admin.Amount, len(s))
		for i, v := range s {
			out[i] = admin.MustParseAmount(v)
		}
		return out
	}
	tests := []struct {
		name  string
		parts []admin.Amount
		want  string // "" for no note
	}{
		{"rows that add up", amounts("5000", "3000", "2000"), ""},
		// 56.26% + 3.37% + 40.37% = 100%, rounded 56.3 + 3.4 + 40.4 = 100.1.
		{"shares over 100%", amounts("5626", "337", "4037"), "add up to 100.1%; the TOTAL is the exact total rounded, 100.0%."},
		// Three half cents: $0.01 each, $0.03 in all, but the total is 1.5 cents, $0.02.
		{"cents over the total", amounts("0.5", "0.5", "0.5"), "add up to $0.03 and 99.9%; the TOTAL is the exact total rounded, $0.02 and 100.0%."},
		{"cents under the total", amounts("0.4", "0.4", "0.2"), "add up to $0.00; the TOTAL is the exact total rounded, $0.01."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RoundingNote(tt.parts, admin.Sum(tt.parts...))
			if (tt.want == "") != (got == "") || !strings.HasSuffix(got, tt.want) {
				t.Errorf("note %q, want one ending %q", got, tt.want)
			}
		})
	}
}
