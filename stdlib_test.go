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

// TestModules keeps the module layout honest: the library's go.mod requires
// nothing, so `go get` of the library brings no cobra into anyone's module
// graph; the command line's module requires the library at a real
// pseudo-version of a commit in this repository, never through a replace,
// so `go install …/cmd/anthropic-admin@version` builds outside this
// checkout; and go.work ties the modules together for development.
func TestModules(t *testing.T) {
	root, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(root), "\n") {
		if f := strings.Fields(line); len(f) > 0 && (f[0] == "require" || f[0] == "replace") {
			t.Errorf("the library's go.mod has %q: it must require nothing", line)
		}
	}
	cli, err := os.ReadFile("cmd/anthropic-admin/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cli), "replace") {
		t.Errorf("cmd/anthropic-admin/go.mod has a replace: go install would not build it")
	}
	var version string
	for _, line := range strings.Split(string(cli), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == modulePath {
			version = f[1]
		}
	}
	// A pseudo-version: v0.0.0-yyyymmddhhmmss-abcdefabcdef.
	parts := strings.Split(version, "-")
	if len(parts) != 3 || parts[0] != "v0.0.0" || len(parts[1]) != 14 || len(parts[2]) != 12 {
		t.Fatalf("cmd/anthropic-admin/go.mod requires the library at %q, not at a pseudo-version", version)
	}
	if git, err := exec.LookPath("git"); err == nil && exec.Command(git, "rev-parse", "--git-dir").Run() == nil &&
		!isShallow(git) {
		if out, err := exec.Command(git, "cat-file", "-t", parts[2]).Output(); err != nil || strings.TrimSpace(string(out)) != "commit" {
			t.Errorf("%s is not a commit of this repository", parts[2])
		}
	}
	work, err := os.ReadFile("go.work")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"./cmd/anthropic-admin", "./conformance", "./bench"} {
		if !strings.Contains(string(work), dir) {
			t.Errorf("go.work does not use %s", dir)
		}
	}
}

// isShallow tells whether this checkout lacks history, as a shallow clone
// does: then a commit's absence proves nothing.
func isShallow(git string) bool {
	out, err := exec.Command(git, "rev-parse", "--is-shallow-repository").Output()
	return err != nil || strings.TrimSpace(string(out)) != "false"
}
