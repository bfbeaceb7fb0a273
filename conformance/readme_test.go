package conformance

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestReadmeTable keeps the endpoint tables of this README and the
// project's README equal to the registry (admin.Endpoints) and the
// conformance matrix: a row per endpoint, in the registry's order, with its
// resource, method and path, "(beta)" when it needs a beta value, and the
// SDK method that checks it.
func TestReadmeTable(t *testing.T) {
	var want []string
	for _, ep := range admin.Endpoints() {
		beta := ""
		if len(ep.Betas) > 0 {
			beta = " (beta)"
		}
		sdk := "no: the SDK has no method for it"
		if row := matrix[ep.ID]; row.call != "" {
			sdk = "yes: `" + row.call + "`"
		}
		want = append(want, "| "+ep.Group+" | `"+ep.Method+" "+ep.Path+"`"+beta+" | yes | "+sdk+" |")
	}
	for _, path := range []string{"README.md", "../README.md"} {
		t.Run(path, func(t *testing.T) {
			readme, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := endpointRows.FindAllString(string(readme), -1)
			if !slices.Equal(got, want) {
				t.Errorf("the endpoint table of %s is not the registry's; want exactly these rows:\n%s\n\nhas:\n%s",
					path, strings.Join(want, "\n"), strings.Join(got, "\n"))
			}
		})
	}
}

// endpointRows finds the rows of a table whose second column is an
// endpoint.
var endpointRows = regexp.MustCompile("(?m)^\\|[^|\\n]*\\| `(?:GET|POST|PUT|PATCH|DELETE) [^`]*`[^\\n]*$")
