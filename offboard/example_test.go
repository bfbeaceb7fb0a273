package offboard_test

import (
	"context"
	"fmt"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/offboard"
	"github.com/anthropic-admin-go/admin/workflow"
)

// Plan what leaving means for a member and a pending invitee, read the
// plan, then apply it. Applying again with the result sends nothing.
func Example() {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	ctx, c := context.Background(), srv.Client()

	plan, err := offboard.Plan(ctx, c, []string{"jonas.becker@acme-robotics.example", "contractor@partner.example"},
		offboard.Options{Keys: offboard.KeysArchive, Now: admintest.SeedEpoch})
	if err != nil {
		panic(err)
	}
	for _, ch := range plan.Changes {
		fmt.Println(ch.Action, ch.Target.Name)
	}

	res, err := workflow.Apply(ctx, c, plan, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Count(workflow.Done), "done; complete:", res.Complete())

	again, _ := workflow.Apply(ctx, c, plan, res)
	fmt.Println(again.Count(workflow.DoneEarlier), "done earlier")
	// Output:
	// archive_key cli-sofia
	// archive_key prod-batch-worker
	// remove_rbac_group_member jonas.becker@acme-robotics.example
	// remove_workspace_member jonas.becker@acme-robotics.example
	// sign_out jonas.becker@acme-robotics.example
	// remove_member jonas.becker@acme-robotics.example
	// delete_invite contractor@partner.example
	// 7 done; complete: true
	// 7 done earlier
}
