package admin_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// Tests of the access and data control groups: RBAC, compliance settings,
// external keys, External Storage, Google data controls.

// Input the API would refuse fails before anything is sent, naming the
// parameter.
func TestAccessParamsRefused(t *testing.T) {
	bucket := admin.StorageProviderConfig{Type: admin.StorageProviderAWS, AccountID: "123456789012", BucketName: "acme-audit", Region: "us-west-2"}
	gcpBucket := admin.StorageProviderConfig{Type: admin.StorageProviderGCP, ProjectNumber: "482915067341", Region: "us-east5"}
	checkParamCases(t, []paramCase{
		{"group without name", "name", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACGroups.Create(ctx, admin.RBACGroupCreateParams{Name: "  "})
			return err
		}},
		{"group name cleared", "name", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACGroups.Update(ctx, "rbac_group_01", admin.RBACGroupUpdateParams{Name: admin.Clear[string]()})
			return err
		}},
		{"group ID with a slash", "rbac_group_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACGroups.Get(ctx, "rbac_group_01/members")
			return err
		}},
		{"member without user", "user_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACGroups.Members.Add(ctx, "rbac_group_01", admin.RBACGroupMemberAddParams{})
			return err
		}},
		{"remove without group", "rbac_group_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACGroups.Members.Remove(ctx, admin.RBACGroupMemberRef{UserID: "user_01"})
			return err
		}},
		{"roles page too large", "limit", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1001}}).Page(ctx)
			return err
		}},
		{"permissions of no role", "rbac_role_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.RBACRoles.Permissions("", admin.RBACListParams{}).Page(ctx)
			return err
		}},
		{"compliance state unknown", "state", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ComplianceSettings.Update(ctx, admin.ComplianceSettingsUpdateParams{State: "paused"})
			return err
		}},
		{"key without ARN", "provider_config.kms_arn", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Create(ctx, admin.ExternalKeyCreateParams{ProviderConfig: admin.ExternalKeyProviderConfig{Type: admin.KMSProviderAWS}})
			return err
		}},
		{"azure key without vault", "provider_config.vault_uri", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Create(ctx, admin.ExternalKeyCreateParams{ProviderConfig: admin.ExternalKeyProviderConfig{Type: admin.KMSProviderAzure, KeyName: "k", TenantID: "t"}})
			return err
		}},
		{"key of unknown provider", "provider_config.type", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Create(ctx, admin.ExternalKeyCreateParams{ProviderConfig: admin.ExternalKeyProviderConfig{Type: "oci"}})
			return err
		}},
		{"key geo cleared", "geo", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Update(ctx, "ekey_01", admin.ExternalKeyUpdateParams{Geo: admin.Clear[admin.ExternalKeyGeo]()})
			return err
		}},
		{"key update to a bad config", "provider_config.key_name", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Update(ctx, "ekey_01", admin.ExternalKeyUpdateParams{ProviderConfig: admin.Set(admin.ExternalKeyProviderConfig{Type: admin.KMSProviderGCP})})
			return err
		}},
		{"validate no key", "external_key_id", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalKeys.Validate(ctx, "")
			return err
		}},
		{"bucket name with capitals", "provider_config.bucket_name", func(ctx context.Context, c *admin.Client) error {
			b := bucket
			b.BucketName = "Acme_Audit"
			_, err := c.ExternalStorage.Create(ctx, admin.ExternalStorageCreateParams{ProviderConfig: b})
			return err
		}},
		{"AWS account of 11 digits", "provider_config.account_id", func(ctx context.Context, c *admin.Client) error {
			b := bucket
			b.AccountID = "12345678901"
			_, err := c.ExternalStorage.Create(ctx, admin.ExternalStorageCreateParams{ProviderConfig: b})
			return err
		}},
		{"Cloud Storage bucket named google", "provider_config.bucket_name", func(ctx context.Context, c *admin.Client) error {
			b := gcpBucket
			b.BucketName = "my-google-bucket"
			_, err := c.ExternalStorage.Create(ctx, admin.ExternalStorageCreateParams{ProviderConfig: b})
			return err
		}},
		{"project ID for a number", "provider_config.project_number", func(ctx context.Context, c *admin.Client) error {
			b := gcpBucket
			b.BucketName, b.ProjectNumber = "acme-bucket", "acme-prod"
			_, err := c.ExternalStorage.Create(ctx, admin.ExternalStorageCreateParams{ProviderConfig: b})
			return err
		}},
		{"storage rename says nothing", "display_name", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalStorage.Update(ctx, "estrg_01", admin.ExternalStorageUpdateParams{})
			return err
		}},
		{"eleven profiles", "user_profile_ids", func(ctx context.Context, c *admin.Client) error {
			_, err := c.ExternalStorage.List(admin.ExternalStorageListParams{UserProfileIDs: make([]string, 11)}).Page(ctx)
			return err
		}},
		{"project ID, not number", "project_number", func(ctx context.Context, c *admin.Client) error {
			_, err := c.Providers.Google.DataControls(ctx, "acme-prod")
			return err
		}},
		{"controls update says nothing", "", func(ctx context.Context, c *admin.Client) error {
			_, err := c.Providers.Google.UpdateDataControls(ctx, "482915067341", admin.GoogleDataControlsUpdateParams{})
			return err
		}},
		{"disabled control with regions", "cmek.external_key_ids", func(ctx context.Context, c *admin.Client) error {
			_, err := c.Providers.Google.UpdateDataControls(ctx, "482915067341", admin.GoogleDataControlsUpdateParams{
				CMEK: &admin.CMEKControlParams{Type: admin.ControlDisabled, ExternalKeyIDs: map[string]admin.Optional[string]{"us": admin.Set("ekey_01")}}})
			return err
		}},
		{"region neither set nor cleared", "storage.buckets.us", func(ctx context.Context, c *admin.Client) error {
			_, err := c.Providers.Google.UpdateDataControls(ctx, "482915067341", admin.GoogleDataControlsUpdateParams{
				Storage: &admin.StorageControlParams{Type: admin.ControlEnabled, Buckets: map[string]admin.Optional[admin.GoogleBucketRef]{"us": {}}}})
			return err
		}},
		{"control state unknown", "storage.type", func(ctx context.Context, c *admin.Client) error {
			_, err := c.Providers.Google.UpdateDataControls(ctx, "482915067341", admin.GoogleDataControlsUpdateParams{Storage: &admin.StorageControlParams{Type: "on"}})
			return err
		}},
	})
}

// paramCase is a call that must fail with a *ParamError naming param,
// having sent nothing.
type paramCase struct {
	name, param string
	call        func(context.Context, *admin.Client) error
}

// checkParamCases runs each case on a fresh Demo fake.
func checkParamCases(t *testing.T, cases []paramCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := newDemoFake(t)
			srv.ResetRequests()
			err := tc.call(t.Context(), c)
			var pe *admin.ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Fatalf("err = %v, want a ParamError for %q", err, tc.param)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// Each request goes out as the API expects: only the provider's own fields,
// the compliance state in its object form, a cleared name as null, a
// removed region as null, the profile filter in brackets.
func TestAccessRequests(t *testing.T) {
	region := "us-east-1"
	cases := []endpointCase{
		{"key create sends its provider's fields only", `{"id":"ekey_1"}`, func(c *admin.Client) (any, error) {
			return c.ExternalKeys.Create(context.Background(), admin.ExternalKeyCreateParams{DisplayName: "K", ProviderConfig: admin.ExternalKeyProviderConfig{
				Type: admin.KMSProviderAWS, KMSARN: "arn:aws:kms:us-east-1:123456789012:key/k", Region: &region, KeyName: "stray", TenantID: "stray"}})
		}, want{Method: "POST", Path: "/v1/organizations/external_keys",
			Body: `{"provider_config":{"type":"aws","kms_arn":"arn:aws:kms:us-east-1:123456789012:key/k","region":"us-east-1"},"display_name":"K"}`}},
		{"compliance in object form", `{"type":"compliance_settings","state":{"type":"enabled"}}`, func(c *admin.Client) (any, error) {
			return c.ComplianceSettings.Update(context.Background(), admin.ComplianceSettingsUpdateParams{State: admin.ComplianceEnabled})
		}, want{Method: "POST", Path: "/v1/organizations/compliance_settings", Body: `{"state":{"type":"enabled"}}`}},
		{"storage name cleared", `{"id":"estrg_1"}`, func(c *admin.Client) (any, error) {
			return c.ExternalStorage.Update(context.Background(), "estrg_1", admin.ExternalStorageUpdateParams{DisplayName: admin.Clear[string]()})
		}, want{Method: "POST", Path: "/v1/organizations/external_storage/estrg_1", Body: `{"display_name":null}`,
			Header: map[string]string{"Anthropic-Beta": admin.BetaExternalStorage}}},
		{"storage list by profile", `{"data":[],"next_page":null}`, func(c *admin.Client) (any, error) {
			return c.ExternalStorage.List(admin.ExternalStorageListParams{UserProfileIDs: []string{"uprof_1", "uprof_2"}, PageCursor: admin.PageCursor{Limit: 5}}).Page(context.Background())
		}, want{Method: "GET", Path: "/v1/organizations/external_storage", Query: url.Values{"user_profile_ids[]": {"uprof_1", "uprof_2"}, "limit": {"5"}},
			Header: map[string]string{"Anthropic-Beta": admin.BetaExternalStorage}}},
		{"a region set, another removed", `{"project_number":"1"}`, func(c *admin.Client) (any, error) {
			return c.Providers.Google.UpdateDataControls(context.Background(), "1", admin.GoogleDataControlsUpdateParams{CMEK: &admin.CMEKControlParams{
				Type: admin.ControlEnabled, ExternalKeyIDs: map[string]admin.Optional[string]{"us": admin.Set("ekey_2"), "eu": admin.Clear[string]()}}})
		}, want{Method: "POST", Path: "/v1/organizations/providers/google/projects/1/data_controls",
			Body:   `{"cmek":{"type":"enabled","external_key_ids":{"us":"ekey_2","eu":null}}}`,
			Header: map[string]string{"Anthropic-Beta": admin.BetaGoogleDataControls}}},
		{"member removed by ref", `{"type":"rbac_group_member_deleted"}`, func(c *admin.Client) (any, error) {
			return c.RBACGroups.Members.Remove(context.Background(), admin.RBACGroupMember{RBACGroupID: "rbac_group_1", UserID: "user_1"}.Ref())
		}, want{Method: "DELETE", Path: "/v1/organizations/rbac_groups/rbac_group_1/members/user_1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.run(t) })
	}
}

// Unknown variants and values decode as they are: a new role source, a new
// permission resource, a new storage status, a new KMS provider.
func TestAccessOpenEnums(t *testing.T) {
	api := newFakeAPI(t,
		reply{Body: `{"id":"rbac_role_1","type":"rbac_role","display_name":"R","source":{"type":"partner"},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`},
		reply{Body: `{"data":[{"type":"rbac_role_permission","action":"use","resource":{"type":"skill","skill_id":"sk_1"}}],"next_page":null}`},
		reply{Body: `{"id":"estrg_1","type":"external_storage","status":{"type":"quarantined","reason":"x"},"provider_config":{"type":"azure","container":"c"}}`},
		reply{Body: `{"id":"ekey_1","type":"external_key","provider_config":{"type":"oci","vault":"v"},"attachment":{"type":"attached"}}`})
	c, ctx := api.client(), context.Background()
	role, err := c.RBACRoles.Get(ctx, "rbac_role_1")
	if err != nil || role.Source.Type != "partner" {
		t.Fatalf("role = %+v, %v", role, err)
	}
	perms, err := c.RBACRoles.Permissions("rbac_role_1", admin.RBACListParams{}).Collect(ctx)
	if err != nil || len(perms) != 1 || perms[0].Resource.Type != "skill" || !strings.Contains(string(perms[0].RawJSON()), "sk_1") {
		t.Fatalf("permissions = %+v, %v", perms, err)
	}
	s, err := c.ExternalStorage.Get(ctx, "estrg_1")
	if err != nil || s.Status.Type != "quarantined" || s.ProviderConfig.Type != "azure" {
		t.Fatalf("storage = %+v, %v", s, err)
	}
	k, err := c.ExternalKeys.Get(ctx, "ekey_1")
	if err != nil || k.ProviderConfig.Type != "oci" || !k.Attachment.Attached() {
		t.Fatalf("key = %+v, %v", k, err)
	}
}

// The fake's RBAC groups through the library: a group's life from create
// to delete, members who must be members of the organization, and a member
// removed from the organization leaving its groups.
func TestRBACOnTheFake(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := t.Context()
	ids := demoIDs(t, c)
	g, err := c.RBACGroups.Create(ctx, admin.RBACGroupCreateParams{Name: "Support Leads"})
	if err != nil || g.SourceType != admin.RBACGroupDirect || len(g.RoleIDs) != 0 {
		t.Fatalf("create = %+v, %v", g, err)
	}
	for _, u := range []string{ids.user, ids.nonMember} {
		if _, err := c.RBACGroups.Members.Add(ctx, g.ID, admin.RBACGroupMemberAddParams{UserID: u}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.RBACGroups.Members.Add(ctx, g.ID, admin.RBACGroupMemberAddParams{UserID: "user_01nobody"}); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("adding a non-member: %v, want not found", err)
	}
	if _, err := c.Users.Remove(ctx, ids.nonMember); err != nil {
		t.Fatal(err)
	}
	members, err := c.RBACGroups.Members.List(g.ID, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 1}}).Collect(ctx)
	if err != nil || len(members) != 1 || members[0].UserID != ids.user || !strings.HasSuffix(members[0].Email, "@acme-robotics.example") {
		t.Fatalf("members after the user left = %+v, %v", members, err)
	}
	if _, err := c.RBACGroups.Update(ctx, g.ID, admin.RBACGroupUpdateParams{Name: admin.Set("Owners")}); !errors.Is(err, admin.ErrConflict) {
		t.Errorf("renaming to a taken name: %v, want a conflict", err)
	}
	if _, err := c.RBACGroups.Delete(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RBACGroups.Members.List(g.ID, admin.RBACListParams{}).Page(ctx); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("members of a deleted group: %v, want not found", err)
	}
	srv.WithoutRBACRoles()
	var apiErr *admin.APIError
	if _, err := c.RBACRoles.Get(ctx, ids.rbacRole); !errors.As(err, &apiErr) || apiErr.ErrorCode != "organization_type_not_supported" {
		t.Errorf("roles of an organization without them: %v", err)
	}
}

// A key the KMS refuses fails validation, and the Google regions that use
// it report the refusal until it works again.
func TestExternalKeyHealthOnTheFake(t *testing.T) {
	srv, c := newDemoFake(t)
	ctx := t.Context()
	ids := demoIDs(t, c)
	check := func(status admin.ExternalKeyValidationStatus, regionErr string) {
		t.Helper()
		v, err := c.ExternalKeys.Validate(ctx, ids.externalKey)
		if err != nil || v.Status != status || (v.Error == nil) != (status == admin.ExternalKeyValid) {
			t.Fatalf("validate = %+v, %v; want %s", v, err, status)
		}
		dc, err := c.Providers.Google.DataControls(ctx, ids.project)
		if err != nil {
			t.Fatal(err)
		}
		us := dc.CMEK.Status["us"]
		if us.Type != admin.RegionActive || (us.Error == nil) != (regionErr == "") || us.Error != nil && *us.Error != regionErr {
			t.Errorf("region us = %+v, want active with error %q", us, regionErr)
		}
	}
	check(admin.ExternalKeyValid, "")
	srv.FailExternalKey(ids.externalKey, "key disabled")
	check(admin.ExternalKeyInvalid, "key disabled")
	srv.RecoverExternalKey(ids.externalKey)
	check(admin.ExternalKeyValid, "")
}
