package audit_test

import (
	"context"
	"fmt"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/audit"
	"github.com/anthropic-admin-go/admin/workflow"
)

// Audit the organization, then plan and apply the safe fixes.
func Example() {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	ctx, c := context.Background(), srv.Client()

	rep, err := audit.Run(ctx, c, audit.Options{Now: admintest.SeedEpoch})
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.Count(audit.High), "high;", "fail a high-or-worse gate:", rep.Worst(audit.High))

	plan := audit.Fix(rep)
	for _, ch := range plan.Changes {
		fmt.Println(ch.Action, ch.Target.Name)
	}
	res, err := workflow.Apply(ctx, c, plan, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Count(workflow.Done), "fixed")
	// Output:
	// 1 high; fail a high-or-worse gate: true
	// archive_key research-vendor-trial
	// archive_key staging-contractor
	// delete_invite intern@acme-robotics.example
	// delete_invite old.candidate@acme-robotics.example
	// 4 fixed
}
