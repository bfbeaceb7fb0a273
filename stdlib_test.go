package admin_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

const modulePath = "github.com/anthropic-admin-go/admin"

// TestStandardLibraryOnly fails when the library, its report analysis under
// report/, the fake server under admintest/, or their tests import anything
// outside the standard library and this module. The CLI and the conformance
// suite may differ; these may not.
func TestStandardLibraryOnly(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	patterns := []string{"."}
	for _, dir := range []string{"report", "admintest"} {
		if _, err := os.Stat(dir); err == nil {
			patterns = append(patterns, "./"+dir+"/...")
		}
	}
	args := append([]string{"list", "-deps", "-test", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{with .Module}}{{.Path}}{{end}}"}, patterns...)
	cmd := exec.Command(goTool, args...)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	var foreign []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("unexpected go list line %q", line)
		}
		if fields[1] != "true" && fields[2] != modulePath {
			foreign = append(foreign, fields[0]+" (module "+fields[2]+")")
		}
	}
	if len(foreign) > 0 {
		t.Errorf("packages %v depend on code outside the standard library:\n  %s", patterns, strings.Join(foreign, "\n  "))
	}
}
