package cli

import (
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"math/big"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestOutputHelpListsFocus(t *testing.T) {
	r := mustRun(t, nil, term{}, "--help")
	line := regexp.MustCompile(`(?m)^.*--output string.*$`).FindString(r.stdout)
	for _, f := range append(output.Formats, formatFOCUS) {
		if !strings.Contains(line, f) {
			t.Errorf("-o help does not list %s: %q", f, line)
		}
	}
}

func TestWhoamiSaysWhichCredential(t *testing.T) {
	srv := demoServer(t)
	tests := []struct {
		name string
		srv  bool
		env  map[string]string
		args []string
		kind string
		fake bool
	}{
		{"admin key", true, nil, nil, "admin_key", false},
		{"OAuth token", true, map[string]string{"ANTHROPIC_ADMIN_KEY": ""}, []string{"--auth-token", srv.AdminKey()}, "oauth_token", false},
		{"the demo", false, nil, []string{"--fake"}, "none", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := srv
			if !tt.srv {
				s = nil
			}
			got := jsonObject(t, mustRun(t, s, term{env: tt.env}, append([]string{"whoami", "-o", "json"}, tt.args...)...).stdout)
			org, _ := got["organization"].(map[string]any)
			if got["credential"] != tt.kind || got["fake"] != tt.fake || org["name"] != "Acme Robotics" || !strings.HasPrefix(got["base_url"].(string), "http://127.0.0.1:") {
				t.Errorf("whoami -o json = %v, want credential %q", got, tt.kind)
			}
			if strings.Contains(mustRun(t, s, term{env: tt.env}, append([]string{"whoami", "-o", "json"}, tt.args...)...).stdout, srv.AdminKey()) {
				t.Error("the credential itself was printed")
			}
		})
	}
}

// --max-items cuts lists short, and any other command refuses it rather
// than ignore it.
func TestMaxItemsWorksOrIsRefused(t *testing.T) {
	srv := demoServer(t)
	for _, args := range [][]string{
		{"users", "list"}, {"invites", "list"}, {"workspaces", "list"}, {"api-keys", "list"},
		{"workspaces", "members", "list", "Research"}, {"api", "GET", "users", "--paginate"},
	} {
		if n := len(jsonList(t, mustRun(t, srv, term{}, append(args, "--max-items", "2")...).stdout)); n != 2 {
			t.Errorf("%v --max-items 2: %d items", args, n)
		}
	}
	srv.ResetRequests()
	for _, args := range [][]string{
		{"cost"}, {"usage", "messages"}, {"usage", "claude-code"}, {"budget", "--monthly", "500"}, {"whoami"}, {"users", "get", "grace.liu@acme-robotics.example"},
	} {
		r := runCLI(t, srv, term{}, append(args, "--max-items", "3")...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, "--max-items applies to lists; anthropic-admin "+strings.Join(args[:1], " ")) {
			t.Errorf("%v --max-items 3: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("refused commands sent %d requests", n)
	}
}

func TestBudgetSaysHowTodayCounts(t *testing.T) {
	tests := []struct {
		days *big.Rat
		want string
	}{
		{big.NewRat(497, 48), "the rest of today, 0.35 of a day, and 10 more days"}, // 15:30 on Nov 20
		{big.NewRat(5, 4), "the rest of today, 0.25 of a day, and 1 more day"},
		{big.NewRat(1, 4), "the rest of today, 0.25 of a day"},
		{big.NewRat(3, 1), "all of today, and 2 more days"}, // midnight
		{big.NewRat(1, 1), "all of today"},
	}
	for _, tt := range tests {
		if got := daysLeftText(tt.days); got != tt.want {
			t.Errorf("daysLeftText(%s) = %q, want %q", tt.days, got, tt.want)
		}
	}
	srv := demoServer(t)
	out := mustRun(t, srv, term{tty: true}, "budget", "--monthly", "100000").stdout
	if !strings.Contains(out, "10.35  the rest of today, 0.35 of a day, and 10 more days") {
		t.Errorf("budget table:\n%s", out)
	}
	// The README says the same.
	readme, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), "the rest of today counting as the fraction of a day that remains") {
		t.Error("the README does not say how the rest of today counts")
	}
}

func TestAcceptedInvitesShowNoExpiry(t *testing.T) {
	srv := demoServer(t)
	for _, args := range [][]string{{"invites", "list", "--status", "accepted"}, {"invites", "get", "kwame.mensah@acme-robotics.example"}} {
		out := mustRun(t, srv, term{tty: true}, args...).stdout
		if regexp.MustCompile(`accepted\s+\S+ ago\s+in \d+d|EXPIRES:\s+in `).MatchString(out) || !strings.Contains(out, "accepted") {
			t.Errorf("%v shows an expiry for an accepted invite:\n%s", args, out)
		}
	}
}
