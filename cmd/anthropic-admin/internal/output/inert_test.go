package output

import "testing"

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"-12.50": "-12.50", "+3": "+3", "1e5": "1e5", "0.000001": "0.000001",
		"-1+1": "'-1+1", "=SUM(A1)": "'=SUM(A1)", "@x": "'@x", "Production": "Production", "": "",
	} {
		if got := CSVText(in); got != want {
			t.Errorf("CSVText(%q) = %q, want %q", in, got, want)
		}
	}
}
