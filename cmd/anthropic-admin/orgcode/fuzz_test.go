package orgcode_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

// Any file is read or refused, never a panic; a file that reads plans or
// is refused, and a refusal says where when it can.
func FuzzParseAndPlan(f *testing.F) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Empty()), admintest.WithClock(func() time.Time { return testNow }))
	defer srv.Close()
	st, err := orgcode.Read(context.Background(), srv.Client(), oauth...)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("version: 1\norganization: Test Organization\nmembers:\n  prune: true\n  items:\n    - email: admin@example.com\n      role: admin\n"))
	f.Add([]byte("version: 1\nworkspaces:\n  items:\n    - name: Default\n      default: true\n      tags: {a: b}\n      data_residency: {allowed_inference_geos: [us], default_inference_geo: us}\n"))
	f.Add([]byte("version: 1\napi_keys: {prune: true, items: [{name: k, workspace: Default, status: active}]}\ninvites: {items: [{email: a@b.example, role: user}]}\n"))
	f.Add([]byte("version: 1\nworkspaces:\n  items:\n    - name: A\n      rate_limits: {batch: {requests_per_minute: 1}}\n"))
	f.Add([]byte("version: 1\nspend_limits: {organization: {monthly: 1.5}, members: {x: {daily: '2'}}}\n"))
	f.Add([]byte("version: 1\nmembers: {items: [{email: &a x, role: *a}]}\n"))
	f.Add([]byte("version: 1\nrbac_groups: {prune: true, items: [{name: Ops, roles: [], members: [a@b.example]}]}\n"))
	f.Add([]byte("version: 1\nservice_accounts: {prune: true, items: [{name: ci, role: developer, workspaces: {Default: workspace_user}}]}\n"))
	f.Add([]byte("version: 1\nfederation_rules: {items: [{name: r, issuer: i, service_account: ci, match: {subject_prefix: 'repo:'}, oauth_scope: s, workspaces: [Default]}]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := orgcode.Parse("org.yaml", data)
		var rs orgcode.Refusals
		if err != nil {
			if !errors.As(err, &rs) || len(rs) == 0 {
				t.Fatalf("Parse: %v, not refusals", err)
			}
			return
		}
		if _, err := orgcode.MakePlan(src, st); err != nil && !errors.As(err, &rs) {
			t.Fatalf("MakePlan: %v, not refusals", err)
		}
	})
}
