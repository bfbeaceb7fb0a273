package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// Every example a person can read — the README's shell blocks and the
// Example of every command — runs against the demo organization and exits
// as it says.
//
// The convention: an example exits 0 unless a trailing comment documents
// another code with "exits N", as in
//
//	anthropic-admin budget --monthly 500   # exits 7 when the projection is over budget
//
// (then 0 and N are both accepted). An example whose comment says "until
// interrupted" serves until Ctrl-C: it is run with its context already
// ended, so it must start, say where it listens and stop cleanly; a port in
// --listen is swapped for a free one so that runs never collide.
//
// Each example runs as a person would type it at a terminal (100 columns,
// answering yes if asked), with --fake added when it is not there: every run
// starts its own demo organization, so a write never sees another's.

// example is one command line from the docs.
type example struct {
	where string // README.md:123, or the command whose help shows it
	line  string
	env   map[string]string
	args  []string // after the program name
	exit  int      // a documented exit code other than 0, or 0
	serve bool     // runs until interrupted
	// toFile: stdout is redirected ("> FILE"), so it is not the terminal.
	toFile bool
}

var (
	exitsComment = regexp.MustCompile(`\bexits (\d+)\b`)
	envAssign    = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=`)
)

// parseExample reads one command line: shell words with single and double
// quotes, VAR=value assignments in front, a trailing comment, and a
// "> FILE" redirect of stdout (the test keeps stdout). Anything else a shell
// would do — pipes, ;, &&, ||, $, backquotes — is refused, so examples stay
// commands a person can paste anywhere.
func parseExample(where, line string) (example, error) {
	ex := example{where: where, line: line, env: map[string]string{}}
	words, comment, err := shellWords(line)
	if err != nil {
		return ex, err
	}
	for len(words) > 0 && envAssign.MatchString(words[0]) {
		k, v, _ := strings.Cut(words[0], "=")
		ex.env[k] = v
		words = words[1:]
	}
	switch {
	case len(words) > 0 && words[0] == "anthropic-admin":
		words = words[1:]
	case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/anthropic-admin":
		words = words[3:]
	default:
		return ex, fmt.Errorf("not an anthropic-admin command")
	}
	for i := 0; i < len(words); i++ {
		if words[i] == ">" {
			if i+1 == len(words) {
				return ex, fmt.Errorf("> without a file")
			}
			i, ex.toFile = i+1, true
			continue
		}
		ex.args = append(ex.args, words[i])
	}
	if m := exitsComment.FindStringSubmatch(comment); m != nil {
		ex.exit, _ = strconv.Atoi(m[1])
	}
	ex.serve = strings.Contains(comment, "until interrupted")
	return ex, nil
}

// shellWords splits a line into words the way a POSIX shell would for the
// simple commands examples are, and returns the comment after #.
func shellWords(line string) (words []string, comment string, err error) {
	var word strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, word.String())
			word.Reset()
			inWord = false
		}
	}
	r := []rune(line)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '#' && !inWord:
			return words, strings.TrimSpace(string(r[i+1:])), nil
		case c == '\'':
			j := i + 1
			for j < len(r) && r[j] != '\'' {
				j++
			}
			if j == len(r) {
				return nil, "", fmt.Errorf("unclosed '")
			}
			word.WriteString(string(r[i+1 : j]))
			i, inWord = j, true
		case c == '"':
			i++
			for ; i < len(r) && r[i] != '"'; i++ {
				switch {
				case r[i] == '\\' && i+1 < len(r) && strings.ContainsRune(`"\$`+"`", r[i+1]):
					i++
				case r[i] == '$' || r[i] == '`':
					return nil, "", fmt.Errorf("%c inside double quotes", r[i])
				}
				word.WriteRune(r[i])
			}
			if i == len(r) {
				return nil, "", fmt.Errorf(`unclosed "`)
			}
			inWord = true
		case c == '\\' && i+1 < len(r):
			i++
			word.WriteRune(r[i])
			inWord = true
		case c == '>' && !inWord:
			words = append(words, ">")
		case strings.ContainsRune("|;&<>$`()", c):
			return nil, "", fmt.Errorf("shell syntax %q: an example is one command", c)
		default:
			word.WriteRune(c)
			inWord = true
		}
	}
	flush()
	return words, "", nil
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line    string
		words   []string
		comment string
		err     bool
	}{
		{`anthropic-admin users list`, []string{"anthropic-admin", "users", "list"}, "", false},
		{`a --name 'EU pilot' --tag "x=y z"  # exits 7 when over`, []string{"a", "--name", "EU pilot", "--tag", "x=y z"}, "exits 7 when over", false},
		{`a -o csv > out.csv`, []string{"a", "-o", "csv", ">", "out.csv"}, "", false},
		{`a --x "say \"hi\""`, []string{"a", "--x", `say "hi"`}, "", false},
		{`a x#y`, []string{"a", "x#y"}, "", false},
		{`a | jq .`, nil, "", true},
		{`a || notify`, nil, "", true},
		{`a "$HOME"`, nil, "", true},
		{`a 'open`, nil, "", true},
	}
	for _, tt := range tests {
		words, comment, err := shellWords(tt.line)
		if (err != nil) != tt.err || strings.Join(words, "|") != strings.Join(tt.words, "|") || comment != tt.comment {
			t.Errorf("shellWords(%q) = %q, %q, %v", tt.line, words, comment, err)
		}
	}
	ex, err := parseExample("x", `ANTHROPIC_ADMIN_FAKE=1 anthropic-admin budget --monthly 500 > b.json  # exits 7 when over budget`)
	if err != nil || ex.env["ANTHROPIC_ADMIN_FAKE"] != "1" || strings.Join(ex.args, " ") != "budget --monthly 500" || ex.exit != 7 {
		t.Errorf("parseExample = %+v, %v", ex, err)
	}
}

// commandExamples are the examples of every command's help, and the leaf
// commands that have none.
func commandExamples(t *testing.T) (examples []example, missing []string) {
	t.Helper()
	root := (&app{env: &Env{}}).rootCommand()
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
		if !cmd.HasSubCommands() && strings.TrimSpace(cmd.Example) == "" {
			missing = append(missing, cmd.CommandPath())
		}
		for line := range strings.SplitSeq(cmd.Example, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			ex, err := parseExample(cmd.CommandPath()+" --help", line)
			if err != nil {
				t.Errorf("%s: example %q: %v", ex.where, line, err)
				continue
			}
			examples = append(examples, ex)
		}
	}
	walk(root)
	return examples, missing
}

// readmeExamples are the anthropic-admin command lines of the README's sh
// blocks.
func readmeExamples(t *testing.T) []example {
	t.Helper()
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	inSh := false
	for n, line := range strings.Split(string(b), "\n") {
		switch trimmed := strings.TrimSpace(line); {
		case strings.HasPrefix(trimmed, "```"):
			inSh = trimmed == "```sh"
		case inSh && (strings.HasPrefix(trimmed, "anthropic-admin ") || strings.HasPrefix(trimmed, "go run ./cmd/anthropic-admin")):
			ex, err := parseExample(fmt.Sprintf("README.md:%d", n+1), trimmed)
			if err != nil {
				t.Errorf("README.md:%d: %q: %v", n+1, trimmed, err)
				continue
			}
			out = append(out, ex)
		}
	}
	return out
}

func TestEveryLeafCommandHasAnExample(t *testing.T) {
	_, missing := commandExamples(t)
	if len(missing) > 0 {
		t.Errorf("commands without an Example: %s", strings.Join(missing, ", "))
	}
}

func TestEveryExampleRuns(t *testing.T) {
	fromHelp, _ := commandExamples(t)
	fromReadme := readmeExamples(t)
	t.Chdir(t.TempDir()) // examples may write files (--html report.html)
	// and read the files others write: the demo's export and its plan.
	writeExampleFile(t, "org.yaml", mustRun(t, nil, term{}, "--fake", "export").stdout)
	writeExampleFile(t, "plan.json", mustRun(t, nil, term{}, "--fake", "plan", "-f", "org.yaml", "-o", "json").stdout)
	if len(fromHelp) < 40 || len(fromReadme) < 40 {
		t.Fatalf("found %d examples in help and %d in the README: the parser is missing them", len(fromHelp), len(fromReadme))
	}
	for _, ex := range append(fromHelp, fromReadme...) {
		t.Run(ex.where+": "+ex.line, func(t *testing.T) {
			runExample(t, ex)
		})
	}
}

func writeExampleFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runExample runs one example against a fresh demo organization and fails
// on an exit code it does not document.
func runExample(t *testing.T, ex example) {
	args := ex.args
	if !slices.Contains(args, "--fake") {
		args = append([]string{"--fake"}, args...)
	}
	ctx := context.Background()
	if ex.serve {
		for i, a := range args {
			if a == "--listen" && i+1 < len(args) {
				args = append(args[:i+1:i+1], append([]string{"127.0.0.1:0"}, args[i+2:]...)...)
			}
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		cancel()
	}
	r := runCLIContext(ctx, t, nil, term{tty: true, toFile: ex.toFile, stdin: "yes\n", width: 100, env: ex.env}, args...)
	if r.code != 0 && r.code != ex.exit {
		t.Fatalf("%s\n%s: exit %d, which the example does not document (add \"# exits %d when …\" if it should)\nstderr:\n%s",
			ex.line, ex.where, r.code, r.code, r.stderr)
	}
	if ex.serve && !strings.Contains(r.stdout, "listening on http://127.0.0.1:") {
		t.Errorf("%s: a server example does not say where it listens:\n%s", ex.line, r.stdout)
	}
}

// The README's Try it section gives exactly two commands: the demo, and the
// checks CI runs.
func TestReadmeTryIt(t *testing.T) {
	b, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Try it\n")
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, _ := strings.Cut(section, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	var commands []string
	for line := range strings.SplitSeq(strings.TrimSpace(block), "\n") {
		words, _, err := shellWords(line)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		commands = append(commands, strings.Join(words, " "))
	}
	want := []string{"go run ./cmd/anthropic-admin demo", "bash .ci/run"}
	if !ok || !slices.Equal(commands, want) {
		t.Errorf("Try it gives %q, want %q", commands, want)
	}
	if _, err := os.Stat("../../../../.ci/run"); err != nil {
		t.Errorf("the README's test command runs .ci/run: %v", err)
	}
}

// A few examples name the demo's IDs: they are the same on any day, since
// they follow from the seed alone.
func TestDemoIDsDoNotDependOnTheClock(t *testing.T) {
	ids := func(now time.Time) []string {
		srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return now }))
		defer srv.Close()
		c, ctx := srv.Client(), context.Background()
		var out []string
		users, err := c.Users.List(admin.UserListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(ctx)
		for _, u := range users {
			out = append(out, u.Email+"="+u.ID)
		}
		workspaces, err2 := c.Workspaces.List(admin.WorkspaceListParams{IncludeArchived: true, IncludeDefault: true}).Collect(ctx)
		for _, w := range workspaces {
			out = append(out, w.Name+"="+w.ID)
		}
		keys, err3 := c.APIKeys.List(admin.APIKeyListParams{Cursor: admin.Cursor{Limit: 100}}).Collect(ctx)
		for _, k := range keys {
			out = append(out, k.Name+"="+k.ID)
		}
		if err := errors.Join(err, err2, err3); err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	now, later := ids(testNow), ids(testNow.AddDate(1, 3, 7))
	if len(now) < 60 || !slices.Equal(now, later) {
		t.Errorf("the demo's IDs change with the clock:\n%v\n%v", now, later)
	}
}
