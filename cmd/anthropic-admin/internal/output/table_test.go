package output

import (
	"slices"
	"testing"
)

func TestFitColumns(t *testing.T) {
	k, c, id, d, sp, nm := Style{Fit: FitKeep}, Style{Fit: FitCut}, Style{Fit: FitID}, Style{Fit: FitDetail}, Style{Fit: FitSpare}, Style{Fit: FitName}
	tests := []struct {
		name   string
		widths []int
		styles []Style
		limit  int
		want   []int
	}{
		{"fits already", []int{10, 30, 20}, []Style{id, nm, c}, 64, []int{10, 30, 20}},
		{"the ID goes before anything is cut", []int{30, 30, 20}, []Style{id, nm, c}, 60, []int{-1, 30, 20}},
		{"then details, then text is cut", []int{30, 30, 20, 10}, []Style{id, nm, d, c}, 30, []int{-1, 20, -1, 8}},
		{"spare goes once text is cut as far as it goes, before names", []int{20, 24, 20}, []Style{nm, sp, c}, 40, []int{20, -1, 8}},
		{"names are cut last", []int{40, 20}, []Style{nm, c}, 20, []int{10, 8}},
		{"never below the minimum", []int{40, 20}, []Style{nm, c}, 10, []int{8, 8}},
		{"kept columns never change", []int{30, 40}, []Style{k, k}, 20, []int{30, 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.widths)
			mins := make([]int, len(got))
			for i := range mins {
				mins[i] = minCut
			}
			fitColumns(got, mins, tt.styles, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fitColumns(%v, %d) = %v, want %v", tt.widths, tt.limit, got, tt.want)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text   string
		width  int
		indent string
		want   string
	}{
		{"short", 60, "", "short"},
		{"no width known leaves it alone", 0, "", "no width known leaves it alone"},
		{"* Nov 20 is not final yet: the spend so far", 20, "  ", "* Nov 20 is not\n  final yet: the\n  spend so far"},
		{"a https://very-long-word-that-does-not-fit b", 10, "", "a\nhttps://very-long-word-that-does-not-fit\nb"},
	}
	for _, tt := range tests {
		if got := Wrap(tt.text, tt.width, tt.indent); got != tt.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
	}
}
