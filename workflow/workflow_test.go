package workflow_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/workflow"
)

func TestPlanAddPlansAnObjectOnce(t *testing.T) {
	var p workflow.Plan
	ch := workflow.Change{Action: workflow.ArchiveKey, Target: workflow.Ref{ID: "apikey_1"}}
	p.Add(ch, ch, workflow.Change{Action: workflow.DeactivateKey, Target: workflow.Ref{ID: "apikey_1"}})
	ws := &workflow.Ref{ID: "wrkspc_a"}
	p.Add(workflow.Change{Action: workflow.RemoveWorkspaceMember, Target: workflow.Ref{ID: "user_1"}, Workspace: ws},
		workflow.Change{Action: workflow.RemoveWorkspaceMember, Target: workflow.Ref{ID: "user_1"}, Workspace: &workflow.Ref{ID: "wrkspc_b"}})
	if len(p.Changes) != 4 {
		t.Errorf("%d changes, want 4: %+v", len(p.Changes), p.Changes)
	}
	var b bytes.Buffer
	if err := p.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back workflow.Plan
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Changes) != 4 || back.Changes[2].Workspace.ID != "wrkspc_a" {
		t.Errorf("round trip: %v %+v", err, back)
	}
}

func TestApplyReportsWhatItCannotDo(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	plan := workflow.Plan{Changes: []workflow.Change{
		{Action: "rotate_key", Target: workflow.Ref{ID: "apikey_x"}},
		{Action: workflow.DeleteInvite, Target: workflow.Ref{ID: "invite_x"}},
	}}
	res, err := workflow.Apply(context.Background(), srv.Client(), plan, nil)
	if !errors.Is(err, workflow.ErrIncomplete) || res.Outcomes[0].Status != workflow.Failed || res.Outcomes[1].Status != workflow.NotRun {
		t.Errorf("Apply = %v, %+v", err, res.Outcomes)
	}
	var b bytes.Buffer
	res.WriteTable(&b)
	if !strings.Contains(b.String(), `cannot carry out "rotate_key"`) || !strings.Contains(b.String(), "0 done, 0 already done, 0 done earlier, 1 failed, 1 not run") {
		t.Errorf("table:\n%s", b.String())
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("sent %d requests", len(srv.Requests()))
	}
	// An invite already gone counts as done, with its request ID.
	res, err = workflow.Apply(context.Background(), srv.Client(), workflow.Plan{Changes: plan.Changes[1:]}, nil)
	if err != nil || res.Outcomes[0].Status != workflow.AlreadyDone || len(res.Outcomes[0].RequestIDs) != 1 {
		t.Errorf("gone invite: %v %+v", err, res.Outcomes)
	}
}
