package access_test

import (
	"context"
	"fmt"

	"github.com/anthropic-admin-go/admin/access"
	"github.com/anthropic-admin-go/admin/admintest"
)

// Find the key a leaked fragment belongs to, and who made it.
func ExampleFind() {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(admintest.SeedEpoch))
	defer srv.Close()
	keys, err := access.Find(context.Background(), srv.Client(), "sk-ant-api03-6HVJ", access.Options{Now: admintest.SeedEpoch})
	if err != nil {
		panic(err)
	}
	for _, k := range keys {
		fmt.Println(k.Name, k.Status, k.Workspace.Name, k.Creator.Name, k.CreatorIsMember)
	}
	// Output:
	// prod-batch-worker active Production jonas.becker@acme-robotics.example true
}
