package workflow_test

import (
	"context"
	"fmt"
	"os"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/workflow"
)

// A plan made by hand: each change with its reason. Apply carries it out
// and reports each change's request IDs.
func ExampleApply() {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	ctx, c := context.Background(), srv.Client()
	keys, err := c.APIKeys.List(admin.APIKeyListParams{Status: admin.APIKeyStatusExpired}).Collect(ctx)
	if err != nil {
		panic(err)
	}
	plan := workflow.Plan{Title: "Archive expired keys"}
	for _, k := range keys {
		plan.Add(workflow.Change{Action: workflow.ArchiveKey, Subject: "cleanup", Target: workflow.KeyRef(k), Reason: "expired"})
	}
	plan.WriteTable(os.Stdout)

	res, err := workflow.Apply(ctx, c, plan, nil)
	if err != nil {
		panic(err)
	}
	for _, o := range res.Outcomes {
		fmt.Println(o.Change.Target.Name, o.Status, len(o.RequestIDs), "request")
	}
	// Output:
	// Archive expired keys
	// cleanup
	//   1  archive key  research-vendor-trial  apikey_01mXrXsasKIdPQoKsiJfHDNM  expired
	//   2  archive key  staging-contractor     apikey_01JgQGqt3AlonMg5zLEzsXV1  expired
	// research-vendor-trial done 1 request
	// staging-contractor done 1 request
}
