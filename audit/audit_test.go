package audit_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/audit"
	"github.com/anthropic-admin-go/admin/workflow"
)

func demo(t *testing.T) *admintest.Server {
	t.Helper()
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	t.Cleanup(srv.Close)
	return srv
}

func lines(rep *audit.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s %s %s", f.Severity, f.Rule, f.Object.Name))
	}
	return out
}

// The demo plants a case for every rule; the audit finds each and nothing
// else.
func TestEveryFindingAndNothingElse(t *testing.T) {
	srv := demo(t)
	rep, err := audit.Run(context.Background(), srv.Client(), audit.Options{Now: admintest.SeedEpoch,
		AllowedDomains: []string{"acme-robotics.example"}, MaxAdmins: 1, InviteAge: 5 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	noExpiry := strings.Fields("alex-eval-scripts notebook-sandbox claude-code-oliver cli-ravi cli-sofia laptop-aiko laptop-jonas support-voice support-reply-drafts support-triage research-redteam research-agents research-evals research-notebooks staging-load-test staging-chat-backend staging-batch-worker prod-doc-extractor prod-webhooks prod-eval-runner prod-chat-backend prod-search-indexer prod-batch-worker")
	want := []string{
		"high key-creator-gone alex-eval-scripts",
		"high outside-domains contractor@partner.example", // the member-less invite
		"medium key-not-archived research-vendor-trial",
		"medium key-not-archived staging-contractor",
		"medium key-not-archived research-shared-old",
		"medium key-not-archived research-intern-2025",
		"medium key-not-archived staging-tmp-debug",
		"medium key-not-archived prod-old-summarizer",
		"medium key-not-archived prod-legacy-gateway",
		"medium key-expiring prod-api-gateway",
		"medium too-many-admins organization",
		"medium spend-limit-high aiko.tanaka@acme-robotics.example",
	}
	for _, k := range noExpiry {
		want = append(want, "low key-no-expiry "+k)
	}
	want = append(want,
		"low key-unused alex-eval-scripts",
		"low key-unused notebook-sandbox",
		"low key-in-archived-workspace hackathon-judges",
		"low invite-stale intern@acme-robotics.example",
		"low invite-stale old.candidate@acme-robotics.example",
		"low invite-stale contractor@partner.example",
		"low member-no-workspace morgan.lee@acme-robotics.example",
		"low workspace-unlimited Default",
		"low workspace-unlimited Staging",
		"low workspace-unlimited Research",
		"low workspace-unlimited Support Assistant",
	)
	if got := lines(rep); !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Notes) != 0 {
		t.Errorf("notes %q", rep.Notes)
	}
	for _, f := range rep.Findings {
		if f.Why == "" || f.Fix == "" || f.Object.ID == "" {
			t.Errorf("finding without why, fix or ID: %+v", f)
		}
	}
	if !rep.Worst(audit.High) || !rep.Worst(audit.Low) {
		t.Error("Worst")
	}
}

// A rule that has no data is said to be not checked, not passed.
func TestDegrades(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch), admintest.WithoutSpendLimits())
	defer srv.Close()
	rep, err := audit.Run(context.Background(), srv.Client(), audit.Options{Now: admintest.SeedEpoch})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"outside-domains: not checked (no allowed domains given)", "spend-limit-high: not checked", "workspace-unlimited (spend limits): not checked"} {
		if !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.HasPrefix(n, want) }) {
			t.Errorf("no note %q in %q", want, rep.Notes)
		}
	}
}

// Fix plans the safe fixes only, and applying it leaves nothing for them.
func TestFix(t *testing.T) {
	ctx := context.Background()
	srv := demo(t)
	c := srv.Client()
	opts := audit.Options{Now: admintest.SeedEpoch}
	rep, err := audit.Run(ctx, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	plan := audit.Fix(rep)
	var got []string
	for _, ch := range plan.Changes {
		got = append(got, string(ch.Action)+" "+ch.Target.Name)
	}
	want := []string{"archive_key research-vendor-trial", "archive_key staging-contractor",
		"delete_invite intern@acme-robotics.example", "delete_invite old.candidate@acme-robotics.example"}
	if !slices.Equal(got, want) {
		t.Fatalf("fix plan %q, want %q", got, want)
	}
	before := srv.Snapshot()
	if _, err := workflow.Apply(ctx, c, plan, nil); err != nil {
		t.Fatal(err)
	}
	if d := before.Diff(srv.Snapshot()); len(d) != 4 {
		t.Errorf("fixing changed %v", d)
	}
	rep, err = audit.Run(ctx, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again := audit.Fix(rep); !again.Empty() {
		t.Errorf("after fixing, still %+v", again.Changes)
	}
}

// The audit's requests grow with list pages, not objects: 300 or 600
// members and keys take the same number of requests.
func TestRequestsFollowPages(t *testing.T) {
	count := func(n int) int {
		srv := admintest.NewServer(admintest.WithClock(admintest.SeedEpoch))
		defer srv.Close()
		ws := srv.DefaultWorkspaceID()
		for i := range n {
			u := srv.AddUser(fmt.Sprintf("person%d@example.com", i), fmt.Sprintf("Person %d", i), "developer")
			srv.AddAPIKey(fmt.Sprintf("key-%d", i), ws, u)
		}
		srv.ResetRequests()
		if _, err := audit.Run(context.Background(), srv.Client(), audit.Options{Now: admintest.SeedEpoch}); err != nil {
			t.Fatal(err)
		}
		return len(srv.Requests())
	}
	small, large := count(300), count(600)
	if small != large || small > 12 {
		t.Errorf("300 members and keys: %d requests; 600: %d", small, large)
	}
	t.Logf("audit of 300 and of 600 members and keys: %d requests each", small)
}

func TestFormats(t *testing.T) {
	srv := demo(t)
	rep, err := audit.Run(context.Background(), srv.Client(), audit.Options{Now: admintest.SeedEpoch})
	if err != nil {
		t.Fatal(err)
	}
	var tbl, csv, sum bytes.Buffer
	rep.WriteTable(&tbl)
	rep.WriteCSV(&csv, nil)
	rep.WriteSummary(&sum)
	if !strings.HasPrefix(tbl.String(), fmt.Sprintf("%d findings: ", len(rep.Findings))) || strings.Index(tbl.String(), "\nHIGH\n") > strings.Index(tbl.String(), "\nLOW\n") {
		t.Errorf("table:\n%s", tbl.String())
	}
	if n := strings.Count(csv.String(), "\n"); n != len(rep.Findings)+1 {
		t.Errorf("csv has %d lines for %d findings", n, len(rep.Findings))
	}
	if !strings.Contains(sum.String(), "key-creator-gone") {
		t.Errorf("summary:\n%s", sum.String())
	}
}
