package conformance

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// TestReadmeTable keeps the endpoint tables of this README and the
// project's README true: a row says "yes"
// exactly when the fake routes the endpoint, and every routed endpoint has
// a row.
func TestReadmeTable(t *testing.T) {
	for _, path := range []string{"README.md", "../README.md"} {
		t.Run(path, func(t *testing.T) { checkReadmeTable(t, path) })
	}
}

func checkReadmeTable(t *testing.T, path string) {
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| [^|]+ \\| `((?:GET|POST|DELETE) [^`]+)`[^|]* \\| (yes|no) \\|")
	routed := admintest.Endpoints()
	var rows []string
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		endpoint, implemented := m[1], m[2] == "yes"
		rows = append(rows, endpoint)
		if implemented != slices.Contains(routed, endpoint) {
			t.Errorf("README says %q is implemented: %v; admintest.Endpoints() disagrees", endpoint, implemented)
		}
	}
	for _, e := range routed {
		if !slices.Contains(rows, e) {
			t.Errorf("README's table has no row for %q", e)
		}
	}
	if len(rows) < len(routed) {
		t.Errorf("README's table has %d rows, the fake routes %d endpoints", len(rows), len(routed))
	}
}
