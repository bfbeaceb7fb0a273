package orgcode_test

import (
	"context"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

func TestScratch(t *testing.T) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()))
	defer srv.Close()
	ctx := context.Background()
	st, err := orgcode.Read(ctx, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	b, err := orgcode.Marshal(orgcode.Export(st))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", b)
	src, err := orgcode.Parse("org.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	p, err := orgcode.MakePlan(src, st)
	if err != nil {
		t.Fatal(err)
	}
	p.WriteText(t.Output(), false)
}
