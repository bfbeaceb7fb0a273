package admin_test

// Every endpoint of the registry (admin.Endpoints), checked three ways from
// one table of library calls: against its golden fixture
// (testdata/endpoints/ID.json) served byte for byte, against admintest's
// Demo organization, and against admintest with a server error injected.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
)

// objectIDs names the objects an endpoint call acts on.
type objectIDs struct {
	user       string // a developer, member of workspace
	nonMember  string // a developer who is not a member of workspace
	invite     string // a pending invite
	workspace  string // an active workspace other than the default
	apiKey     string // an active key
	rateLimit  string // an organization rate-limit entry
	spendLimit string // a member's spend limit
	increase   string // a pending spend limit increase request

	plugin         string // an organization-owned Plugin
	pluginVersion  string // a version of it
	memberPlugin   string // a member-owned Plugin, with shares
	marketplace    string // an organization-owned manual plugin marketplace
	bundle         string // a Claude Tag Bundle whose instructions the API may change
	bundleTarget   string // a target of it
	slackChannel   string // a set-up Slack channel
	slackWorkspace string // a set-up Slack workspace (slws_...)
	slackTeam      string // Slack's ID of that workspace (T...)

	webhook         string // a webhook endpoint
	destination     string // a telemetry destination whose list holds workspace
	settingsGroup   string // an RBAC group with Claude Code managed settings
	rbacGroup       string // an RBAC group user is a member of and nonMember is not, granting no owner access
	rbacRole        string // a custom RBAC role
	externalKey     string // an external key config no workspace policy lists
	externalStorage string // External Storage pending configuration
	project         string // a Google Cloud project number

	serviceAccount string // an active service account, member of workspace
	saNonMember    string // an active service account that is not a member of workspace
	issuer         string // an active federation issuer
	rule           string // an active federation rule, enabled in workspace
	ruleSpare      string // an active workspace that rule is not enabled in
}

// fill puts ids in place of a path template's placeholders.
func (ids objectIDs) fill(template string) string {
	return strings.NewReplacer("{user_id}", ids.user, "{workspace_id}", ids.workspace, "{invite_id}", ids.invite,
		"{api_key_id}", ids.apiKey, "{rate_limit_id}", ids.rateLimit,
		"{spend_limit_id}", ids.spendLimit, "{spend_limit_increase_request_id}", ids.increase,
		"plugins/{plugin_id}/shares", "plugins/"+ids.memberPlugin+"/shares", "{plugin_id}", ids.plugin, "{version}", ids.pluginVersion, "{target}", "organization", "{marketplace_id}", ids.marketplace,
		"{bundle_id}", ids.bundle, "{target_id}", ids.bundleTarget,
		"slack_channels/{id}", "slack_channels/"+ids.slackChannel, "slack_workspaces/{id}", "slack_workspaces/"+ids.slackWorkspace,
		"{webhook_endpoint_id}", ids.webhook, "{destination_id}", ids.destination,
		"managed_settings/rbac_groups/{rbac_group_id}", "managed_settings/rbac_groups/"+ids.settingsGroup,
		"{rbac_group_id}", ids.rbacGroup, "{rbac_role_id}", ids.rbacRole, "{external_key_id}", ids.externalKey,
		"{external_storage_id}", ids.externalStorage, "{project_number}", ids.project,
		"{service_account_id}", ids.serviceAccount, "{federation_issuer_id}", ids.issuer, "{federation_rule_id}", ids.rule).Replace(template)
}

// endpointCall calls one endpoint through the library and returns what it
// decoded: the object, or the items of every page of a list.
type endpointCall func(ctx context.Context, c *admin.Client, ids objectIDs) ([]any, error)

func one[T any](f func(context.Context, *admin.Client, objectIDs) (*T, error)) endpointCall {
	return func(ctx context.Context, c *admin.Client, ids objectIDs) ([]any, error) {
		v, err := f(ctx, c, ids)
		if err != nil {
			return nil, err
		}
		return []any{v}, nil
	}
}

func all[T any](f func(*admin.Client, objectIDs) *admin.List[T]) endpointCall {
	return func(ctx context.Context, c *admin.Client, ids objectIDs) ([]any, error) {
		items, err := f(c, ids).Collect(ctx)
		var out []any
		for i := range items {
			out = append(out, &items[i])
		}
		return out, err
	}
}

// reportDay is a finished day of the Demo organization's history (the fake's
// clock is fakeNow).
var reportDay = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)

// endpointCalls has a call for every registry endpoint, by ID.
var endpointCalls = map[string]endpointCall{
	"organization.retrieve": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.Organization, error) {
		return c.Organization.Get(ctx)
	}),

	"organization.users.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.User] {
		return c.Users.List(admin.UserListParams{})
	}),
	"organization.users.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.User, error) {
		return c.Users.Get(ctx, ids.user)
	}),
	"organization.users.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.User, error) {
		return c.Users.Update(ctx, ids.user, admin.UserUpdateParams{Role: admin.OrgRoleBilling})
	}),
	"organization.users.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.UserDeleted, error) {
		return c.Users.Remove(ctx, ids.user)
	}),
	"organization.users.sign_out": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.User, error) {
		return c.Users.SignOut(ctx, ids.user)
	}),

	"organization.invites.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.Invite] {
		return c.Invites.List(admin.InviteListParams{})
	}),
	"organization.invites.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.Invite, error) {
		return c.Invites.Create(ctx, admin.InviteCreateParams{Email: "sam.taylor@acme-robotics.example", Role: admin.OrgRoleDeveloper})
	}),
	"organization.invites.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Invite, error) {
		return c.Invites.Get(ctx, ids.invite)
	}),
	"organization.invites.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.InviteDeleted, error) {
		return c.Invites.Delete(ctx, ids.invite)
	}),

	"organization.workspaces.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.Workspace] {
		return c.Workspaces.List(admin.WorkspaceListParams{})
	}),
	"organization.workspaces.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.Workspace, error) {
		return c.Workspaces.Create(ctx, admin.WorkspaceCreateParams{Name: "Payments"})
	}),
	"organization.workspaces.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Workspace, error) {
		return c.Workspaces.Get(ctx, ids.workspace)
	}),
	"organization.workspaces.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Workspace, error) {
		return c.Workspaces.Update(ctx, ids.workspace, admin.WorkspaceUpdateParams{Name: admin.Set("Production EU")})
	}),
	"organization.workspaces.archive": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Workspace, error) {
		return c.Workspaces.Archive(ctx, ids.workspace)
	}),

	"organization.workspaces.members.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.WorkspaceMember] {
		return c.Workspaces.Members.List(ids.workspace, admin.WorkspaceMemberListParams{})
	}),
	"organization.workspaces.members.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WorkspaceMember, error) {
		return c.Workspaces.Members.Add(ctx, ids.workspace, admin.WorkspaceMemberAddParams{UserID: ids.nonMember, WorkspaceRole: admin.WorkspaceRoleUser})
	}),
	"organization.workspaces.members.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WorkspaceMember, error) {
		return c.Workspaces.Members.Get(ctx, admin.WorkspaceMemberRef{WorkspaceID: ids.workspace, UserID: ids.user})
	}),
	"organization.workspaces.members.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WorkspaceMember, error) {
		return c.Workspaces.Members.Update(ctx, admin.WorkspaceMemberRef{WorkspaceID: ids.workspace, UserID: ids.user}, admin.WorkspaceMemberUpdateParams{WorkspaceRole: admin.WorkspaceRoleAdmin})
	}),
	"organization.workspaces.members.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WorkspaceMemberDeleted, error) {
		return c.Workspaces.Members.Remove(ctx, admin.WorkspaceMemberRef{WorkspaceID: ids.workspace, UserID: ids.user})
	}),

	"organization.api_keys.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.APIKey] {
		return c.APIKeys.List(admin.APIKeyListParams{})
	}),
	"organization.api_keys.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.APIKey, error) {
		return c.APIKeys.Get(ctx, ids.apiKey)
	}),
	"organization.api_keys.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.APIKey, error) {
		return c.APIKeys.Update(ctx, ids.apiKey, admin.APIKeyUpdateParams{Name: admin.Set("prod-api-gateway-v2")})
	}),

	"organization.rate_limits.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.RateLimit] {
		return c.RateLimits.List(admin.RateLimitListParams{})
	}),
	"organization.workspaces.rate_limits.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.WorkspaceRateLimit] {
		return c.Workspaces.RateLimits.List(ids.workspace, admin.WorkspaceRateLimitListParams{IncludeInherited: true})
	}),
	"organization.workspaces.rate_limits.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WorkspaceRateLimit, error) {
		return c.Workspaces.RateLimits.Update(ctx, admin.WorkspaceRateLimitRef{WorkspaceID: ids.workspace, RateLimitID: ids.rateLimit}, admin.WorkspaceRateLimitUpdateParams{
			Limits: []admin.RateLimitUpdate{{Type: admin.RateLimiterRequestsPerMinute, Value: admin.Set(int64(1000))}}})
	}),

	"organization.service_accounts.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ServiceAccount] {
		return c.ServiceAccounts.List(admin.ServiceAccountListParams{IncludeArchived: true})
	}),
	"organization.service_accounts.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ServiceAccount, error) {
		return c.ServiceAccounts.Create(ctx, admin.ServiceAccountCreateParams{Name: "warehouse-sync", Description: "Nightly usage export to the warehouse"})
	}),
	"organization.service_accounts.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccount, error) {
		return c.ServiceAccounts.Get(ctx, ids.serviceAccount)
	}),
	"organization.service_accounts.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccount, error) {
		return c.ServiceAccounts.Update(ctx, ids.serviceAccount, admin.ServiceAccountUpdateParams{OrganizationRole: admin.Set(admin.ServiceAccountRoleAdmin)})
	}),
	"organization.service_accounts.archive": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccount, error) {
		return c.ServiceAccounts.Archive(ctx, ids.serviceAccount)
	}),
	"organization.service_accounts.workspaces.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.ServiceAccountWorkspaceMember] {
		return c.ServiceAccounts.Workspaces.List(ids.serviceAccount, admin.ServiceAccountWorkspaceListParams{})
	}),
	"organization.service_accounts.workspaces.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMember, error) {
		return c.ServiceAccounts.Workspaces.Add(ctx, ids.serviceAccount, admin.ServiceAccountWorkspaceAddParams{WorkspaceID: ids.ruleSpare, WorkspaceRole: admin.WorkspaceRoleUser})
	}),
	"organization.service_accounts.workspaces.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMemberDeleted, error) {
		return c.ServiceAccounts.Workspaces.Remove(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: ids.workspace, ServiceAccountID: ids.serviceAccount})
	}),
	"organization.workspaces.service_accounts.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.ServiceAccountWorkspaceMember] {
		return c.Workspaces.ServiceAccounts.List(ids.workspace, admin.ServiceAccountWorkspaceListParams{})
	}),
	"organization.workspaces.service_accounts.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMember, error) {
		return c.Workspaces.ServiceAccounts.Add(ctx, ids.workspace, admin.WorkspaceServiceAccountAddParams{ServiceAccountID: ids.saNonMember, WorkspaceRole: admin.WorkspaceRoleUser})
	}),
	"organization.workspaces.service_accounts.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMember, error) {
		return c.Workspaces.ServiceAccounts.Get(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: ids.workspace, ServiceAccountID: ids.serviceAccount})
	}),
	"organization.workspaces.service_accounts.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMember, error) {
		return c.Workspaces.ServiceAccounts.Update(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: ids.workspace, ServiceAccountID: ids.serviceAccount},
			admin.WorkspaceServiceAccountUpdateParams{WorkspaceRole: admin.WorkspaceRoleAdmin})
	}),
	"organization.workspaces.service_accounts.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ServiceAccountWorkspaceMemberDeleted, error) {
		return c.Workspaces.ServiceAccounts.Remove(ctx, admin.ServiceAccountWorkspaceRef{WorkspaceID: ids.workspace, ServiceAccountID: ids.serviceAccount})
	}),

	"organization.federation.issuers.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.FederationIssuer] {
		return c.Federation.Issuers.List(admin.FederationIssuerListParams{IncludeArchived: true})
	}),
	"organization.federation.issuers.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.FederationIssuer, error) {
		return c.Federation.Issuers.Create(ctx, admin.FederationIssuerCreateParams{Name: "gitlab-ci", IssuerURL: "https://gitlab.acme-robotics.example",
			JWKS: &admin.JWKS{Type: admin.JWKSExplicitURL, URL: "https://gitlab.acme-robotics.example/oauth/discovery/keys"}, MaxJWTLifetimeSeconds: 900})
	}),
	"organization.federation.issuers.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationIssuer, error) {
		return c.Federation.Issuers.Get(ctx, ids.issuer)
	}),
	"organization.federation.issuers.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationIssuer, error) {
		return c.Federation.Issuers.Update(ctx, ids.issuer, admin.FederationIssuerUpdateParams{MaxJWTLifetimeSeconds: admin.Set(int64(1800))})
	}),
	"organization.federation.issuers.archive": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationIssuer, error) {
		return c.Federation.Issuers.Archive(ctx, ids.issuer)
	}),
	"organization.federation.rules.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.FederationRule] {
		return c.Federation.Rules.List(admin.FederationRuleListParams{IncludeArchived: true})
	}),
	"organization.federation.rules.create": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRule, error) {
		prefix := "repo:acme-robotics/platform:ref:refs/tags/v"
		return c.Federation.Rules.Create(ctx, admin.FederationRuleCreateParams{Name: "deploy-release", IssuerID: ids.issuer,
			Match: admin.FederationRuleMatch{SubjectPrefix: &prefix}, Target: admin.FederationRuleTarget{ServiceAccountID: ids.serviceAccount},
			OAuthScope: "workspace:developer", WorkspaceID: ids.workspace})
	}),
	"organization.federation.rules.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRule, error) {
		return c.Federation.Rules.Get(ctx, ids.rule)
	}),
	"organization.federation.rules.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRule, error) {
		return c.Federation.Rules.Update(ctx, ids.rule, admin.FederationRuleUpdateParams{TokenLifetimeSeconds: admin.Set(int64(1800))})
	}),
	"organization.federation.rules.archive": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRule, error) {
		return c.Federation.Rules.Archive(ctx, ids.rule)
	}),
	"organization.federation.rules.workspaces.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.FederationRuleWorkspace] {
		return c.Federation.Rules.Workspaces.List(ids.rule, admin.PageCursor{})
	}),
	"organization.federation.rules.workspaces.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRuleWorkspace, error) {
		return c.Federation.Rules.Workspaces.Add(ctx, ids.rule, admin.FederationRuleWorkspaceAddParams{WorkspaceID: ids.ruleSpare})
	}),
	"organization.federation.rules.workspaces.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.FederationRuleWorkspaceDeleted, error) {
		return c.Federation.Rules.Workspaces.Remove(ctx, admin.FederationRuleWorkspaceRef{FederationRuleID: ids.rule, WorkspaceID: ids.workspace})
	}),

	"organization.analytics.usage.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsUsageRow] {
		return c.Analytics.Usage(admin.AnalyticsUsageParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 1),
			TimeBucketWidth: admin.BucketWidthDay, GroupBy: []admin.AnalyticsDimension{admin.DimActor, admin.DimModel, admin.DimProduct}, PageCursor: admin.PageCursor{Limit: 2}}})
	}),
	"organization.analytics.cost.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsCostRow] {
		return c.Analytics.Cost(admin.AnalyticsCostParams{AnalyticsRange: admin.AnalyticsRange{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 1),
			TimeBucketWidth: admin.BucketWidthDay, GroupBy: []admin.AnalyticsDimension{admin.DimActor, admin.DimWorkspaceID, admin.DimProduct}, PageCursor: admin.PageCursor{Limit: 2}}})
	}),
	"organization.analytics.usage_report.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsUsageReportBucket] {
		return c.Analytics.UsageReport(admin.AnalyticsReportParams{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 2),
			GroupBy: []admin.AnalyticsDimension{admin.DimModel, admin.DimProduct}, PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.analytics.cost_report.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsCostReportBucket] {
		return c.Analytics.CostReport(admin.AnalyticsReportParams{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 2),
			GroupBy: []admin.AnalyticsDimension{admin.DimModel, admin.DimCostType, admin.DimTokenType}, PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.analytics.user_usage_report.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsUserUsageRow] {
		return c.Analytics.UserUsageReport(admin.AnalyticsUserUsageParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 1),
			GroupBy: []admin.AnalyticsDimension{admin.DimModel}, PageCursor: admin.PageCursor{Limit: 2}}})
	}),
	"organization.analytics.user_cost_report.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.AnalyticsUserCostRow] {
		return c.Analytics.UserCostReport(admin.AnalyticsUserCostParams{AnalyticsUserReportRange: admin.AnalyticsUserReportRange{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 1),
			BucketWidth: admin.BucketWidthDay, GroupBy: []admin.AnalyticsDimension{admin.DimCostType}, PageCursor: admin.PageCursor{Limit: 2}}})
	}),

	"organization.analytics.artifacts.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ArtifactActivity] {
		return c.Analytics.Artifacts(admin.ArtifactActivityParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByProduct, admin.ActivityByUserID, admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.plugins.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.PluginActivity] {
		return c.Analytics.Plugins(admin.ActivityListParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByProduct, admin.ActivityByUserID, admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.skills.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.SkillActivity] {
		return c.Analytics.Skills(admin.ActivityListParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByProduct, admin.ActivityByUserID, admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.apps.chat.projects.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ChatProjectActivity] {
		return c.Analytics.ChatProjects(admin.ActivityListParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByUserID, admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.connectors.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ConnectorActivity] {
		return c.Analytics.Connectors(admin.ActivityListParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByProduct, admin.ActivityByUserID, admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.users.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.UserActivity] {
		return c.Analytics.Users(admin.ActivityListParams{Date: reportDay, PageCursor: admin.PageCursor{Limit: 2},
			GroupBy: []admin.ActivityDimension{admin.ActivityByRBACGroupID}})
	}),

	"organization.analytics.summaries.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ActivitySummary] {
		return c.Analytics.Summaries(admin.ActivitySummaryParams{StartingDate: reportDay.AddDate(0, 0, -1), EndingDate: reportDay.AddDate(0, 0, 1)})
	}),

	"organization.spend_limits.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.SpendLimit] {
		return c.SpendLimits.List(admin.SpendLimitListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.spend_limits.set": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimit, error) {
		return c.SpendLimits.Set(ctx, admin.SpendLimitSetParams{Scope: admin.SpendLimitScope{Type: admin.SpendLimitScopeUser, UserID: ids.user},
			Amount: admin.Set(admin.MustParseAmount("75000")), Period: admin.SpendLimitMonthly})
	}),
	"organization.spend_limits.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimit, error) {
		return c.SpendLimits.Get(ctx, ids.spendLimit)
	}),
	"organization.spend_limits.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimitDeleted, error) {
		return c.SpendLimits.Delete(ctx, ids.spendLimit)
	}),
	"organization.spend_limits.effective.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.SpendSummary] {
		return c.SpendLimits.Effective(admin.SpendLimitEffectiveParams{PageCursor: admin.PageCursor{Limit: 2}, Periods: []admin.SpendLimitPeriod{admin.SpendLimitMonthly}})
	}),
	"organization.spend_limits.increase_requests.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.SpendLimitIncreaseRequest] {
		return c.SpendLimits.IncreaseRequests.List(admin.SpendLimitIncreaseListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.spend_limits.increase_requests.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimitIncreaseRequest, error) {
		return c.SpendLimits.IncreaseRequests.Get(ctx, ids.increase)
	}),
	"organization.spend_limits.increase_requests.approve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimitIncreaseRequest, error) {
		return c.SpendLimits.IncreaseRequests.Approve(ctx, ids.increase, admin.SpendLimitApproveParams{Amount: admin.MustParseAmount("40000")})
	}),
	"organization.spend_limits.increase_requests.deny": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.SpendLimitIncreaseRequest, error) {
		return c.SpendLimits.IncreaseRequests.Deny(ctx, ids.increase, admin.SpendLimitDenyParams{})
	}),

	"organization.plugins.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.Plugin] {
		return c.Plugins.List(admin.PluginListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.plugins.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.Plugin, error) {
		return c.Plugins.Create(ctx, admin.PluginCreateParams{Files: pluginFiles("lint-fix", "1.0.0"), ReleaseNotes: "First release."})
	}),
	"organization.plugins.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Plugin, error) {
		return c.Plugins.Get(ctx, ids.plugin, admin.PluginReadParams{})
	}),
	"organization.plugins.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.Plugin, error) {
		return c.Plugins.Update(ctx, ids.plugin, admin.PluginUpdateParams{ServedVersionID: ids.pluginVersion})
	}),
	"organization.plugins.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginDeleted, error) {
		return c.Plugins.Delete(ctx, ids.plugin)
	}),
	"organization.plugins.versions.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.PluginVersion] {
		return c.Plugins.Versions.List(ids.plugin, admin.PluginVersionListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.plugins.versions.create": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginVersion, error) {
		return c.Plugins.Versions.Create(ctx, ids.plugin, admin.PluginVersionCreateParams{Files: pluginFiles("review-pr", "1.2.0"), ReleaseNotes: "Faster."})
	}),
	"organization.plugins.versions.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginVersion, error) {
		return c.Plugins.Versions.Get(ctx, admin.PluginVersionRef{PluginID: ids.plugin, Version: ids.pluginVersion}, admin.PluginReadParams{})
	}),
	"organization.plugins.versions.download": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*downloaded, error) {
		d, err := c.Plugins.Versions.Download(ctx, admin.PluginVersionRef{PluginID: ids.plugin, Version: ids.pluginVersion}, admin.PluginReadParams{})
		if err != nil {
			return nil, err
		}
		defer d.Close()
		data, err := io.ReadAll(d)
		return &downloaded{data: data, contentType: d.ContentType}, err
	}),
	"organization.plugins.installation_settings.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.PluginInstallationSetting] {
		return c.Plugins.InstallationSettings.List(ids.plugin, admin.PluginInstallationSettingListParams{PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.plugins.installation_settings.set": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginInstallationSetting, error) {
		return c.Plugins.InstallationSettings.Set(ctx, admin.PluginInstallationSettingRef{PluginID: ids.plugin, Target: admin.PluginTargetWholeOrganization},
			admin.PluginInstallationSettingSetParams{InstallationPreference: admin.InstallationAutoInstall})
	}),
	"organization.plugins.installation_settings.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginInstallationSettingRemoved, error) {
		return c.Plugins.InstallationSettings.Remove(ctx, admin.PluginInstallationSettingRef{PluginID: ids.plugin, Target: admin.PluginTargetWholeOrganization})
	}),
	"organization.plugins.shares.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.PluginShare] {
		return c.Plugins.Shares.List(ids.memberPlugin, admin.PluginShareListParams{PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.plugin_marketplaces.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.PluginMarketplace] {
		return c.PluginMarketplaces.List(admin.PluginMarketplaceListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.plugin_marketplaces.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginMarketplace, error) {
		return c.PluginMarketplaces.Get(ctx, ids.marketplace, admin.PluginReadParams{})
	}),
	"organization.plugin_marketplaces.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.PluginMarketplace, error) {
		return c.PluginMarketplaces.Update(ctx, ids.marketplace, admin.PluginMarketplaceUpdateParams{DefaultInstallationPreference: admin.InstallationRequired})
	}),
	"organization.plugin_marketplaces.validate_archive": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.MarketplaceValidationReport, error) {
		return c.PluginMarketplaces.ValidateArchive(ctx, admin.File{Name: "marketplace.zip", Content: bytes.NewReader(marketplaceZip())})
	}),
	"organization.plugin_marketplaces.validate_repository": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.MarketplaceValidationReport, error) {
		return c.PluginMarketplaces.ValidateRepository(ctx, admin.PluginMarketplaceValidateRepositoryParams{RepositoryURL: "https://github.com/acme-robotics/claude-plugins"})
	}),

	"organization.claude_tag.bundles.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ClaudeTagBundle] {
		return c.ClaudeTag.Bundles.List(admin.ClaudeTagListParams{PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.claude_tag.bundles.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagBundle, error) {
		return c.ClaudeTag.Bundles.Get(ctx, ids.bundle)
	}),
	"organization.claude_tag.bundles.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagBundle, error) {
		return c.ClaudeTag.Bundles.Update(ctx, ids.bundle, admin.ClaudeTagBundleUpdateParams{Instructions: admin.Set("Be brief.")})
	}),
	"organization.claude_tag.bundles.targets.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.ClaudeTagBundleTarget] {
		return c.ClaudeTag.Bundles.Targets.List(ids.bundle, admin.ClaudeTagListParams{PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.claude_tag.bundles.targets.create": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagBundleTarget, error) {
		return c.ClaudeTag.Bundles.Targets.Create(ctx, ids.bundle, admin.ClaudeTagBundleTargetCreateParams{SlackWorkspaceID: ids.slackWorkspace})
	}),
	"organization.claude_tag.bundles.targets.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagBundleTarget, error) {
		return c.ClaudeTag.Bundles.Targets.Get(ctx, admin.ClaudeTagBundleTargetRef{BundleID: ids.bundle, TargetID: ids.bundleTarget})
	}),
	"organization.claude_tag.bundles.targets.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagDeleted, error) {
		return c.ClaudeTag.Bundles.Targets.Delete(ctx, admin.ClaudeTagBundleTargetRef{BundleID: ids.bundle, TargetID: ids.bundleTarget})
	}),
	"organization.claude_tag.slack_channels.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.ClaudeTagSlackChannel] {
		return c.ClaudeTag.SlackChannels.List(admin.ClaudeTagSlackChannelListParams{PageCursor: admin.PageCursor{Limit: 1}, SlackWorkspaceID: ids.slackTeam, IncludeInherited: true})
	}),
	"organization.claude_tag.slack_channels.create": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagSlackChannel, error) {
		return c.ClaudeTag.SlackChannels.Create(ctx, admin.ClaudeTagSlackChannelCreateParams{
			Slack:    admin.ClaudeTagSlackChannelIDs{ChannelID: "C0999ZZZZ", WorkspaceID: ids.slackTeam},
			Settings: admin.ClaudeTagSettingsParams{ReplyMode: admin.Set(admin.ClaudeTagReplyThread)}})
	}),
	"organization.claude_tag.slack_channels.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagSlackChannel, error) {
		return c.ClaudeTag.SlackChannels.Get(ctx, ids.slackChannel, admin.ClaudeTagGetParams{IncludeInherited: true})
	}),
	"organization.claude_tag.slack_channels.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagSlackChannel, error) {
		return c.ClaudeTag.SlackChannels.Update(ctx, ids.slackChannel, admin.ClaudeTagSettingsParams{Enabled: admin.Set(false)})
	}),
	"organization.claude_tag.slack_channels.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagDeleted, error) {
		return c.ClaudeTag.SlackChannels.Delete(ctx, ids.slackChannel)
	}),
	"organization.claude_tag.slack_workspaces.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ClaudeTagSlackWorkspace] {
		return c.ClaudeTag.SlackWorkspaces.List(admin.ClaudeTagSlackWorkspaceListParams{PageCursor: admin.PageCursor{Limit: 1}, IncludeInherited: true})
	}),
	"organization.claude_tag.slack_workspaces.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagSlackWorkspace, error) {
		return c.ClaudeTag.SlackWorkspaces.Get(ctx, ids.slackWorkspace, admin.ClaudeTagGetParams{IncludeInherited: true})
	}),
	"organization.claude_tag.slack_workspaces.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ClaudeTagSlackWorkspace, error) {
		return c.ClaudeTag.SlackWorkspaces.Update(ctx, ids.slackWorkspace, admin.ClaudeTagSettingsParams{Model: admin.Set("claude-sonnet-4-5")})
	}),

	"organization.webhooks.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.WebhookEndpoint] {
		return c.Webhooks.List(admin.WebhookListParams{Cursor: admin.Cursor{Limit: 2}})
	}),
	"organization.webhooks.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.NewWebhookEndpoint, error) {
		return c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: "https://hooks.acme-robotics.example/anthropic/keys", Name: "key-alerts",
			Description: "Pages the platform on-call rotation", EnabledEvents: []admin.WebhookEventType{admin.WebhookExternalKeyFailed, admin.WebhookExternalKeyRecovered}})
	}),
	"organization.webhooks.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WebhookEndpoint, error) {
		return c.Webhooks.Get(ctx, ids.webhook)
	}),
	"organization.webhooks.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WebhookEndpoint, error) {
		return c.Webhooks.Update(ctx, ids.webhook, admin.WebhookUpdateParams{Name: admin.Set("key-alerts-v2")})
	}),
	"organization.webhooks.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WebhookEndpointDeleted, error) {
		return c.Webhooks.Delete(ctx, ids.webhook)
	}),
	"organization.webhooks.regenerate_signing_secret": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.WebhookSigningSecret, error) {
		return c.Webhooks.RegenerateSigningSecret(ctx, ids.webhook)
	}),

	"organization.telemetry_destinations.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.TelemetryDestination] {
		return c.TelemetryDestinations.List(admin.TelemetryListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.telemetry_destinations.create": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryDestination, error) {
		return c.TelemetryDestinations.Create(ctx, admin.TelemetryCreateParams{EndpointURL: "https://api.honeycomb.example", DisplayName: "Honeycomb production",
			Headers:    map[string]string{"x-honeycomb-team": "hc-team-key"},
			Workspaces: admin.TelemetryScope{Type: admin.TelemetryIncludeWorkspaces, WorkspaceIDs: []string{ids.workspace}}})
	}),
	"organization.telemetry_destinations.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryDestination, error) {
		return c.TelemetryDestinations.Get(ctx, ids.destination)
	}),
	"organization.telemetry_destinations.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryDestination, error) {
		return c.TelemetryDestinations.Update(ctx, ids.destination, admin.TelemetryUpdateParams{DisplayName: admin.Set("Honeycomb (prod)")})
	}),
	"organization.telemetry_destinations.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryDestinationDeleted, error) {
		return c.TelemetryDestinations.Delete(ctx, ids.destination)
	}),
	"organization.telemetry_destinations.test": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryTest, error) {
		return c.TelemetryDestinations.Test(ctx, ids.destination)
	}),
	"organization.telemetry_destinations.workspaces.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.TelemetryWorkspace] {
		return c.TelemetryDestinations.Workspaces.List(ids.destination, admin.TelemetryWorkspaceListParams{PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.telemetry_destinations.workspaces.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryWorkspace, error) {
		return c.TelemetryDestinations.Workspaces.Add(ctx, admin.TelemetryWorkspaceRef{DestinationID: ids.destination, WorkspaceID: ids.workspace})
	}),
	"organization.telemetry_destinations.workspaces.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.TelemetryWorkspaceRemoved, error) {
		return c.TelemetryDestinations.Workspaces.Remove(ctx, admin.TelemetryWorkspaceRef{DestinationID: ids.destination, WorkspaceID: ids.workspace})
	}),

	"organization.claude_code.managed_settings.configuration.retrieve": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ManagedSettingsConfiguration, error) {
		return c.ClaudeCodeSettings.Configuration(ctx)
	}),
	"organization.claude_code.managed_settings.configuration.update": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ManagedSettingsConfiguration, error) {
		return c.ClaudeCodeSettings.UpdateConfiguration(ctx, admin.ManagedSettingsConfigurationParams{Mode: admin.ManagedSettingsOrganization})
	}),
	"organization.claude_code.managed_settings.rbac_group_default.retrieve": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ManagedSettingsDefault, error) {
		return c.ClaudeCodeSettings.Default(ctx)
	}),
	"organization.claude_code.managed_settings.rbac_group_default.update": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ManagedSettingsDefault, error) {
		return c.ClaudeCodeSettings.SetDefault(ctx, admin.Set(map[string]any{"permissions": map[string]any{"deny": []any{"Bash(curl:*)"}}}))
	}),
	"organization.claude_code.managed_settings.rbac_groups.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ManagedSettingsGroupSummary] {
		return c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.claude_code.managed_settings.rbac_groups.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ManagedSettingsGroup, error) {
		return c.ClaudeCodeSettings.Group(ctx, ids.settingsGroup)
	}),
	"organization.claude_code.managed_settings.rbac_groups.set": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ManagedSettingsGroup, error) {
		return c.ClaudeCodeSettings.SetGroup(ctx, ids.settingsGroup, map[string]any{"permissions": map[string]any{"deny": []any{"WebFetch", "Bash(rm:*)"}}})
	}),
	"organization.claude_code.managed_settings.rbac_groups.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ManagedSettingsGroupDeleted, error) {
		return c.ClaudeCodeSettings.DeleteGroup(ctx, ids.settingsGroup)
	}),

	"organization.rbac_groups.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.RBACGroup] {
		return c.RBACGroups.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.rbac_groups.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.RBACGroup, error) {
		return c.RBACGroups.Create(ctx, admin.RBACGroupCreateParams{Name: "Data Science"})
	}),
	"organization.rbac_groups.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACGroup, error) {
		return c.RBACGroups.Get(ctx, ids.rbacGroup)
	}),
	"organization.rbac_groups.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACGroup, error) {
		return c.RBACGroups.Update(ctx, ids.rbacGroup, admin.RBACGroupUpdateParams{Name: admin.Set("Platform & Infrastructure")})
	}),
	"organization.rbac_groups.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACGroupDeleted, error) {
		return c.RBACGroups.Delete(ctx, ids.rbacGroup)
	}),
	"organization.rbac_groups.members.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.RBACGroupMember] {
		return c.RBACGroups.Members.List(ids.rbacGroup, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.rbac_groups.members.add": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACGroupMember, error) {
		return c.RBACGroups.Members.Add(ctx, ids.rbacGroup, admin.RBACGroupMemberAddParams{UserID: ids.nonMember})
	}),
	"organization.rbac_groups.members.remove": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACGroupMemberDeleted, error) {
		return c.RBACGroups.Members.Remove(ctx, admin.RBACGroupMemberRef{RBACGroupID: ids.rbacGroup, UserID: ids.user})
	}),
	"organization.rbac_roles.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.RBACRole] {
		return c.RBACRoles.List(admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.rbac_roles.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.RBACRole, error) {
		return c.RBACRoles.Get(ctx, ids.rbacRole)
	}),
	"organization.rbac_roles.permissions.list": all(func(c *admin.Client, ids objectIDs) *admin.List[admin.RBACRolePermission] {
		return c.RBACRoles.Permissions(ids.rbacRole, admin.RBACListParams{PageCursor: admin.PageCursor{Limit: 5}})
	}),

	"organization.compliance_settings.retrieve": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ComplianceSettings, error) {
		return c.ComplianceSettings.Get(ctx)
	}),
	"organization.compliance_settings.update": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ComplianceSettings, error) {
		return c.ComplianceSettings.Update(ctx, admin.ComplianceSettingsUpdateParams{State: admin.ComplianceDisabled})
	}),

	"organization.external_keys.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ExternalKey] {
		return c.ExternalKeys.List(admin.ExternalKeyListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.external_keys.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ExternalKey, error) {
		return c.ExternalKeys.Create(ctx, admin.ExternalKeyCreateParams{DisplayName: "Azure Key Vault key", Geo: admin.ExternalKeyGeoUS,
			ProviderConfig: admin.ExternalKeyProviderConfig{Type: admin.KMSProviderAzure, KeyName: "claude-cmek",
				TenantID: "8d5c1f0a-3b2e-4c7d-9f6a-1e0b2c3d4e5f", VaultURI: "https://acme-keys.vault.azure.net"}})
	}),
	"organization.external_keys.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalKey, error) {
		return c.ExternalKeys.Get(ctx, ids.externalKey)
	}),
	"organization.external_keys.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalKey, error) {
		return c.ExternalKeys.Update(ctx, ids.externalKey, admin.ExternalKeyUpdateParams{DisplayName: admin.Set("Production AWS key (us-east-1)")})
	}),
	"organization.external_keys.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalKeyDeleted, error) {
		return c.ExternalKeys.Delete(ctx, ids.externalKey)
	}),
	"organization.external_keys.validate": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalKeyValidation, error) {
		return c.ExternalKeys.Validate(ctx, ids.externalKey)
	}),

	"organization.external_storage.list": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ExternalStorage] {
		return c.ExternalStorage.List(admin.ExternalStorageListParams{PageCursor: admin.PageCursor{Limit: 2}})
	}),
	"organization.external_storage.create": one(func(ctx context.Context, c *admin.Client, _ objectIDs) (*admin.ExternalStorage, error) {
		return c.ExternalStorage.Create(ctx, admin.ExternalStorageCreateParams{DisplayName: "Audit logs",
			ProviderConfig: admin.StorageProviderConfig{Type: admin.StorageProviderAWS, AccountID: "123456789012", BucketName: "acme-claude-audit", Region: "us-west-2"}})
	}),
	"organization.external_storage.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalStorage, error) {
		return c.ExternalStorage.Get(ctx, ids.externalStorage)
	}),
	"organization.external_storage.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalStorage, error) {
		return c.ExternalStorage.Update(ctx, ids.externalStorage, admin.ExternalStorageUpdateParams{DisplayName: admin.Set("Transcripts, US East")})
	}),
	"organization.external_storage.delete": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalStorageDeleted, error) {
		return c.ExternalStorage.Delete(ctx, ids.externalStorage)
	}),
	"organization.external_storage.activate": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.ExternalStorage, error) {
		return c.ExternalStorage.Activate(ctx, ids.externalStorage)
	}),

	"organization.providers.google.projects.data_controls.retrieve": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.GoogleDataControls, error) {
		return c.Providers.Google.DataControls(ctx, ids.project)
	}),
	"organization.providers.google.projects.data_controls.update": one(func(ctx context.Context, c *admin.Client, ids objectIDs) (*admin.GoogleDataControls, error) {
		return c.Providers.Google.UpdateDataControls(ctx, ids.project, admin.GoogleDataControlsUpdateParams{
			CMEK:    &admin.CMEKControlParams{Type: admin.ControlEnabled, ExternalKeyIDs: map[string]admin.Optional[string]{"us": admin.Set(ids.externalKey)}},
			Storage: &admin.StorageControlParams{Type: admin.ControlDisabled},
		})
	}),

	"organization.usage_report.retrieve_messages": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.UsageBucket] {
		return c.Usage.Messages(admin.UsageMessagesParams{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 2), PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.cost_report.retrieve": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.CostBucket] {
		return c.Cost.Report(admin.CostReportParams{StartingAt: reportDay, EndingAt: reportDay.AddDate(0, 0, 2), PageCursor: admin.PageCursor{Limit: 1}})
	}),
	"organization.usage_report.retrieve_claude_code": all(func(c *admin.Client, _ objectIDs) *admin.List[admin.ClaudeCodeRecord] {
		return c.Usage.ClaudeCode(admin.ClaudeCodeParams{Day: reportDay, PageCursor: admin.PageCursor{Limit: 5}})
	}),
}

func TestEndpointCallsCoverTheRegistry(t *testing.T) {
	ids := map[string]bool{}
	for _, ep := range admin.Endpoints() {
		ids[ep.ID] = true
		if endpointCalls[ep.ID] == nil {
			t.Errorf("registry endpoint %s has no call in endpointCalls", ep.ID)
		}
		if _, err := os.Stat(fixturePath(ep.ID)); err != nil {
			t.Errorf("registry endpoint %s has no fixture: %v", ep.ID, err)
		}
	}
	for id := range endpointCalls {
		if !ids[id] {
			t.Errorf("endpointCalls has %s, which is not in the registry", id)
		}
	}
	files, err := filepath.Glob(filepath.Join("testdata", "endpoints", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)); !ids[id] || fixturePath(id) != f {
			t.Errorf("fixture %s is for no registry endpoint", f)
		}
	}
}

// fixturePath is an endpoint's fixture: JSON, or for an endpoint that
// answers with a file, the file (a .zip).
func fixturePath(id string) string {
	ext := ".json"
	for _, ep := range admin.Endpoints() {
		if ep.ID == id && ep.Binary {
			ext = ".zip"
		}
	}
	return filepath.Join("testdata", "endpoints", id+ext)
}

func readFixture(t *testing.T, id string) []byte {
	t.Helper()
	b, err := os.ReadFile(fixturePath(id))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lastPage is the empty page that ends a list of each paging style.
var lastPage = map[admin.Paging]string{
	admin.PagingIDCursor:           `{"data":[],"has_more":false,"first_id":null,"last_id":null}`,
	admin.PagingPageToken:          `{"data":[],"has_more":false,"next_page":null}`,
	admin.PagingPageTokenNoHasMore: `{"data":[],"next_page":null}`,
}

// TestEndpointFixtures serves each endpoint's fixture, byte for byte, to its
// library method and checks the request the method sent against the
// registry row (method, path, betas, how it asks for the next page), and
// that it decoded the fixture without losing a field: every object keeps
// its JSON, and encodes back with every field and value of the fixture.
// List fixtures are a page with more to come; the next request must ask for
// it the registry's way, and gets an empty last page.
func TestEndpointFixtures(t *testing.T) {
	ids := objectIDs{user: "user_01WCz1FkmYMm4gnmykNKUu3Q", nonMember: "user_01BCBgmlzGyFmK8kHGkCuiwe", invite: "invite_015gWxCN9Hfg2QhZwTK7Mdeu",
		workspace: "wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ", apiKey: "apikey_01Rj2N8SVvo6BePZj99NhmiT", rateLimit: "rl_01NSgmsX76UnEURHuSOSXUn7",
		spendLimit: "spl_01HqR3v9mXyTzQe5KdLw8NbA", increase: "slir_01Pq7RvKx2NbW4TcMz8HjLsE",
		plugin: "plugin_01Hc4QmXv7RtKe2NbW9sLpYa", pluginVersion: "pluginver_01Ab3CdE5fGh7JkL9mNp2QrS", memberPlugin: "plugin_01Gd8TrYw3MsJf5PcX2vKnQb",
		marketplace: "marketplace_01Kq2WmRt8YvBn4XcL6pZsDe", bundle: "capp_01Lm3NbVc5XzAs7DfGh9JkQw", bundleTarget: "btgt_01Zx3CvBn5MqWe7RtYu9IoPa",
		slackChannel: "slch_01Qa2WsEd4RfTg6YhUj8IkOl", slackWorkspace: "slws_01Mn3BvCx5ZaSd7FgHj9KlPo", slackTeam: "T0123ABCD",
		webhook: "whep_01Hk4TzQ8vRmN2pLx7YcWb3D", destination: "tdst_01Qm7WzR4kPx9NvL2bTc8HyE", settingsGroup: "rbac_group_01Fy8QwRt3ZpLm6NvXc2KbHe",
		rbacGroup: "rbac_group_01Hk7mWq3RtYvB9nZcXe4LpD", rbacRole: "rbac_role_01Px4KsJ9vQm2WcTn7BzLrEd", externalKey: "ekey_01Fz6QnWx3RbTm8KcVp2YhJs",
		externalStorage: "estrg_01Mx3VbTq8KwZp5RnLc2YhJe", project: "482915067341",
		serviceAccount: "svac_01Fq8ZkR3nWbT6yPcV2mLxHd", saNonMember: "svac_01Lm4QvT9cXpR2wZk7NbHs6J",
		issuer: "fdis_01Hc7Ny4VqK2wRt9ZmPb3XsL", rule: "fdrl_01Kd3Wp8TmQ5vYx2NcRh7JbF", ruleSpare: "wrkspc_01Pz6MkW3rTq8VbYx4NcJd2L"}
	for _, ep := range admin.Endpoints() {
		t.Run(ep.ID, func(t *testing.T) {
			t.Parallel()
			fixture := readFixture(t, ep.ID)
			api := newFakeAPI(t)
			var served sync.Mutex
			n := 0
			api.handler = func(w http.ResponseWriter, r *http.Request, _ []byte) {
				served.Lock()
				defer served.Unlock()
				w.Header().Set("Content-Type", "application/json")
				if ep.Binary {
					w.Header().Set("Content-Type", "application/zip")
				}
				if n++; n == 1 {
					w.Write(fixture)
					return
				}
				io.WriteString(w, lastPage[ep.Paging])
			}
			got, err := endpointCalls[ep.ID](context.Background(), api.client(), ids)
			if err != nil {
				t.Fatal(err)
			}

			reqs := api.requests()
			wantRequests := 1
			if ep.Paging != admin.PagingNone {
				wantRequests = 2
			}
			if len(reqs) != wantRequests {
				t.Fatalf("sent %d requests, want %d", len(reqs), wantRequests)
			}
			for _, r := range reqs {
				if r.Method != ep.Method || r.Path != ids.fill(ep.Path) {
					t.Errorf("request %s %s, want %s %s", r.Method, r.Path, ep.Method, ids.fill(ep.Path))
				}
				betas := strings.Split(r.Header.Get("Anthropic-Beta"), ",")
				for _, b := range ep.Betas {
					if !slices.Contains(betas, b) {
						t.Errorf("anthropic-beta %q lacks %q", r.Header.Get("Anthropic-Beta"), b)
					}
				}
			}

			if ep.Binary {
				// The file, byte for byte, asked for as a file.
				if d := got[0].(*downloaded); !bytes.Equal(d.data, fixture) || d.contentType != "application/zip" || reqs[0].Header.Get("Accept") != "application/binary" {
					t.Errorf("downloaded %d bytes (%s) with Accept %q; want the fixture's %d bytes, asked with Accept application/binary",
						len(d.data), d.contentType, reqs[0].Header.Get("Accept"), len(fixture))
				}
				return
			}
			var page struct {
				Data     []json.RawMessage `json:"data"`
				LastID   string            `json:"last_id"`
				NextPage string            `json:"next_page"`
			}
			want := []json.RawMessage{fixture}
			if ep.Paging != admin.PagingNone {
				if err := json.Unmarshal(fixture, &page); err != nil {
					t.Fatal(err)
				}
				want = page.Data
				next, cursor := reqs[1].Query, ""
				switch ep.Paging {
				case admin.PagingIDCursor:
					cursor = next.Get("after_id")
					if cursor != page.LastID || page.LastID == "" {
						t.Errorf("second page asked with after_id %q, want the fixture's last_id %q", cursor, page.LastID)
					}
				default:
					cursor = next.Get("page")
					if cursor != page.NextPage || page.NextPage == "" {
						t.Errorf("second page asked with page %q, want the fixture's next_page %q", cursor, page.NextPage)
					}
				}
				for _, k := range []string{"after_id", "before_id", "page"} {
					if v := reqs[0].Query.Get(k); v != "" {
						t.Errorf("first page asked with %s=%s", k, v)
					}
				}
			}
			if len(got) != len(want) {
				t.Fatalf("decoded %d objects, want %d", len(got), len(want))
			}
			for i, v := range got {
				rawer, ok := v.(interface{ RawJSON() json.RawMessage })
				if !ok {
					t.Fatalf("%T has no RawJSON", v)
				}
				jsonEqual(t, rawer.RawJSON(), want[i])
				encoded, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range lostFields(t, want[i], encoded) {
					t.Errorf("%T lost %s", v, p)
				}
			}
		})
	}
}

// secretFields are the fields that hold a secret: the library encodes
// them redacted, never as sent (RawJSON keeps them).
var secretFields = []string{"signing_secret"}

// lostFields lists the paths of the fixture's non-null values that encoded
// does not hold with the same value. A decimal type may encode a number of
// the fixture as a string of the same digits.
func lostFields(t *testing.T, fixture, encoded []byte) []string {
	t.Helper()
	var lost []string
	var walk func(path string, want, got any)
	walk = func(path string, want, got any) {
		switch w := want.(type) {
		case nil:
		case map[string]any:
			g, _ := got.(map[string]any)
			for k, v := range w {
				walk(path+"."+k, v, g[k])
			}
		case []any:
			g, _ := got.([]any)
			if len(g) != len(w) {
				lost = append(lost, fmt.Sprintf("%s (%d elements, encoded %d)", path, len(w), len(g)))
				return
			}
			for i := range w {
				walk(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
			}
		case json.Number:
			if got != w && got != w.String() {
				lost = append(lost, fmt.Sprintf("%s (%v, encoded %v)", path, w, got))
			}
		default:
			if slices.Contains(secretFields, path[strings.LastIndex(path, ".")+1:]) {
				if got != "whsec_[redacted]" {
					lost = append(lost, fmt.Sprintf("%s (a secret, encoded %v rather than redacted)", path, got))
				}
				return
			}
			if got != want {
				lost = append(lost, fmt.Sprintf("%s (%v, encoded %v)", path, want, got))
			}
		}
	}
	walk("", decodeNumbers(t, fixture), decodeNumbers(t, encoded))
	return lost
}

func decodeNumbers(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return v
}

// recorder keeps the body of every response, as the server sent it.
type recorder struct {
	mu     sync.Mutex
	bodies [][]byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.mu.Lock()
	r.bodies = append(r.bodies, body)
	r.mu.Unlock()
	return resp, err
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bodies = nil
}

// demoIDs finds the objects of the Demo organization the calls act on.
func demoIDs(t *testing.T, c *admin.Client) objectIDs {
	t.Helper()
	var ids objectIDs
	for _, w := range collect(t, c.Workspaces.List(admin.WorkspaceListParams{})) {
		if w.Name == "Production" {
			ids.workspace = w.ID
		}
	}
	members := map[string]admin.WorkspaceRole{}
	for _, m := range collect(t, c.Workspaces.Members.List(ids.workspace, admin.WorkspaceMemberListParams{})) {
		members[m.UserID] = m.WorkspaceRole
	}
	for _, u := range collect(t, c.Users.List(admin.UserListParams{Roles: []admin.OrgRole{admin.OrgRoleDeveloper}})) {
		role, member := members[u.ID]
		switch {
		case member && role != admin.WorkspaceRoleAdmin && ids.user == "":
			ids.user = u.ID
		case !member && ids.nonMember == "":
			ids.nonMember = u.ID
		}
	}
	invites := collect(t, c.Invites.List(admin.InviteListParams{Statuses: []admin.InviteStatus{admin.InviteStatusPending}}))
	keys := collect(t, c.APIKeys.List(admin.APIKeyListParams{Status: admin.APIKeyStatusActive, WorkspaceID: ids.workspace}))
	limits := collect(t, c.RateLimits.List(admin.RateLimitListParams{GroupType: admin.RateLimitGroupModelGroup}))
	if len(invites) == 0 || len(keys) == 0 || len(limits) == 0 {
		t.Fatalf("the Demo organization has %d pending invites, %d active keys, %d model-group rate limits", len(invites), len(keys), len(limits))
	}
	ids.invite, ids.apiKey, ids.rateLimit = invites[0].ID, keys[0].ID, limits[0].ID
	spend := collect(t, c.SpendLimits.List(admin.SpendLimitListParams{ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeUser}}))
	pending := collect(t, c.SpendLimits.IncreaseRequests.List(admin.SpendLimitIncreaseListParams{Statuses: []admin.SpendLimitIncreaseStatus{admin.SpendLimitIncreasePending}}))
	if len(spend) == 0 || len(pending) == 0 {
		t.Fatalf("the Demo organization has %d member spend limits, %d pending increase requests", len(spend), len(pending))
	}
	ids.spendLimit, ids.increase = spend[0].ID, pending[0].ID
	demoPluginIDs(t, c, &ids)
	hooks := collect(t, c.Webhooks.List(admin.WebhookListParams{}))
	groups := collect(t, c.ClaudeCodeSettings.Groups(admin.ManagedSettingsGroupListParams{}))
	for _, d := range collect(t, c.TelemetryDestinations.List(admin.TelemetryListParams{WorkspaceIDs: []string{ids.workspace}})) {
		if d.Workspaces.Type == admin.TelemetryIncludeWorkspaces && ids.destination == "" {
			ids.destination = d.ID
		}
	}
	if len(hooks) == 0 || len(groups) == 0 || ids.destination == "" {
		t.Fatalf("the Demo organization has %d webhook endpoints, %d groups with managed settings, destination %q", len(hooks), len(groups), ids.destination)
	}
	ids.webhook, ids.settingsGroup = hooks[0].ID, groups[0].RBACGroupID
	ids.demoAccessIDs(t, c)
	demoWIFIDs(t, c, &ids)
	if ids.workspace == "" || ids.user == "" || ids.nonMember == "" {
		t.Fatalf("Demo organization: %+v", ids)
	}
	return ids
}

// demoAccessIDs finds the RBAC, external key and storage objects of the
// Demo organization the calls act on.
func (ids *objectIDs) demoAccessIDs(t *testing.T, c *admin.Client) {
	t.Helper()
	isMember := func(g admin.RBACGroup, userID string) bool {
		return slices.ContainsFunc(collect(t, c.RBACGroups.Members.List(g.ID, admin.RBACListParams{})),
			func(m admin.RBACGroupMember) bool { return m.UserID == userID })
	}
	for _, g := range collect(t, c.RBACGroups.List(admin.RBACListParams{})) {
		if g.Name != "Owners" && isMember(g, ids.user) && !isMember(g, ids.nonMember) {
			ids.rbacGroup = g.ID
			break
		}
	}
	for _, r := range collect(t, c.RBACRoles.List(admin.RBACListParams{})) {
		if r.Source.Type == admin.RBACRoleCustom {
			ids.rbacRole = r.ID
			break
		}
	}
	for _, k := range collect(t, c.ExternalKeys.List(admin.ExternalKeyListParams{})) {
		if k.ProviderConfig.Type == admin.KMSProviderGCP && !k.Attachment.Attached() {
			ids.externalKey = k.ID
			break
		}
	}
	for _, s := range collect(t, c.ExternalStorage.List(admin.ExternalStorageListParams{})) {
		if s.Status.Type == admin.StoragePendingConfiguration {
			ids.externalStorage = s.ID
		}
	}
	ids.project = "482915067341"
	if ids.rbacGroup == "" || ids.rbacRole == "" || ids.externalKey == "" || ids.externalStorage == "" {
		t.Fatalf("Demo organization: %+v", *ids)
	}
}

// demoWIFIDs finds the service accounts, issuer and rule the calls act on,
// with the fake's OAuth token, the one credential their endpoints take.
func demoWIFIDs(t *testing.T, c *admin.Client, ids *objectIDs) {
	t.Helper()
	oauth := admin.WithAuthToken(admintest.DefaultOAuthToken)
	members := map[string]bool{}
	for _, m := range collect(t, c.Workspaces.ServiceAccounts.List(ids.workspace, admin.ServiceAccountWorkspaceListParams{}, oauth)) {
		members[m.ServiceAccountID] = true
	}
	for _, a := range collect(t, c.ServiceAccounts.List(admin.ServiceAccountListParams{}, oauth)) {
		switch {
		case members[a.ID] && ids.serviceAccount == "":
			ids.serviceAccount = a.ID
		case !members[a.ID] && ids.saNonMember == "":
			ids.saNonMember = a.ID
		}
	}
	issuers := collect(t, c.Federation.Issuers.List(admin.FederationIssuerListParams{}, oauth))
	for _, r := range collect(t, c.Federation.Rules.List(admin.FederationRuleListParams{}, oauth)) {
		if slices.Contains(r.WorkspaceIDs, ids.workspace) && ids.rule == "" {
			ids.rule = r.ID
			for _, w := range collect(t, c.Workspaces.List(admin.WorkspaceListParams{})) {
				if !slices.Contains(r.WorkspaceIDs, w.ID) && ids.ruleSpare == "" {
					ids.ruleSpare = w.ID
				}
			}
		}
	}
	if len(issuers) == 0 || ids.serviceAccount == "" || ids.saNonMember == "" || ids.rule == "" || ids.ruleSpare == "" {
		t.Fatalf("the Demo organization has %d issuers; service accounts and rule: %+v", len(issuers), ids)
	}
	ids.issuer = issuers[0].ID
}

// clientFor is a client of srv with a credential ep accepts: the admin key
// unless ep takes OAuth tokens only.
func clientFor(srv *admintest.Server, ep admin.Endpoint, opts ...admin.Option) *admin.Client {
	if ep.Credentials&admin.CredentialAdminKey == 0 {
		return srv.OAuthClient(opts...)
	}
	return srv.Client(opts...)
}

// TestEndpointsAgainstTheFake calls each endpoint on admintest's Demo
// organization and checks that the fake's answers carry the fields of the
// endpoint's fixture, no more and no fewer, with values of the same JSON
// kinds. Where the fixture has null, anything goes; objects of another
// variant of a union (a different "type") and the keys of open maps are
// not compared.
func TestEndpointsAgainstTheFake(t *testing.T) {
	for _, ep := range admin.Endpoints() {
		t.Run(ep.ID, func(t *testing.T) {
			t.Parallel()
			srv, _ := newDemoFake(t)
			rec := &recorder{}
			c := clientFor(srv, ep, admin.WithHTTPClient(&http.Client{Transport: rec}))
			ids := demoIDs(t, c)
			rec.reset()
			srv.ResetRequests()

			got, err := endpointCalls[ep.ID](context.Background(), c, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				t.Fatal("the fake answered with nothing to compare")
			}
			for _, r := range srv.Requests() {
				if found, ok := admin.LookupEndpoint(r.Method, r.Path); !ok || found.ID != ep.ID || r.Status != http.StatusOK {
					t.Errorf("request %s %s is for %q (status %d), want %s", r.Method, r.Path, found.ID, r.Status, ep.ID)
				}
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if ep.Binary {
				for _, body := range rec.bodies {
					checkPluginArchive(t, body)
				}
				return
			}
			fixture := decodeNumbers(t, readFixture(t, ep.ID))
			for _, body := range rec.bodies {
				for _, d := range shapeDiff("", fixture, decodeNumbers(t, body)) {
					t.Errorf("the fake's answer differs from the fixture: %s\n%s", d, body)
				}
			}
		})
	}
}

// openMaps are the objects whose keys are data, not field names.
var openMaps = []string{"tags", "tool_actions", "claims"}

// unions are the fields whose value is one of several JSON kinds: a list of
// geographies or the word "unrestricted".
var unions = []string{"allowed_inference_geos"}

// shapeDiff describes where got has other fields than want, or values of
// other JSON kinds.
func shapeDiff(path string, want, got any) []string {
	if want == nil || got == nil || slices.Contains(unions, path[strings.LastIndex(path, ".")+1:]) {
		return nil
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s is %T, want an object", path, got)}
		}
		if w["type"] != nil && g["type"] != nil && w["type"] != g["type"] {
			return nil // another variant
		}
		if slices.Contains(openMaps, path[strings.LastIndex(path, ".")+1:]) {
			var diffs []string
			for k, gv := range g {
				for _, wv := range w {
					diffs = append(diffs, shapeDiff(path+"."+k, wv, gv)...)
					break
				}
			}
			return diffs
		}
		var diffs []string
		for k := range w {
			if _, ok := g[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s is missing", path, k))
			}
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s is not in the fixture", path, k))
				continue
			}
			diffs = append(diffs, shapeDiff(path+"."+k, wv, gv)...)
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s is %T, want an array", path, got)}
		}
		// Each element must fit one of the fixture's elements.
		var diffs []string
		for i, gv := range g {
			var best []string
			for j, wv := range w {
				d := shapeDiff(fmt.Sprintf("%s[%d]", path, i), wv, gv)
				if j == 0 || len(d) < len(best) {
					best = d
				}
			}
			diffs = append(diffs, best...)
		}
		return diffs
	default:
		if fmt.Sprintf("%T", want) != fmt.Sprintf("%T", got) {
			return []string{fmt.Sprintf("%s is %T (%v), want %T like %v", path, got, got, want, want)}
		}
		return nil
	}
}

// TestEndpointRetries fails each endpoint's first attempt with a 500 on
// admintest: a create is sent once and returns the error, since it may have
// happened; anything else is sent again, unchanged, and succeeds.
func TestEndpointRetries(t *testing.T) {
	for _, ep := range admin.Endpoints() {
		t.Run(ep.ID, func(t *testing.T) {
			t.Parallel()
			srv, _ := newDemoFake(t)
			c := clientFor(srv, ep)
			ids := demoIDs(t, c)
			srv.ResetRequests()
			srv.Inject(admintest.Fault{Method: ep.Method, Path: ids.fill(ep.Path), Status: http.StatusInternalServerError})

			got, err := endpointCalls[ep.ID](context.Background(), c, ids)
			reqs := srv.Requests()
			if ep.Create || streamedUploads[ep.ID] {
				// A streamed upload is not sent again once read: the fake
				// read it.
				var apiErr *admin.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusInternalServerError || len(reqs) != 1 {
					t.Errorf("create: %d requests, then %v; want 1 request and the 500", len(reqs), err)
				}
				return
			}
			if err != nil || len(got) == 0 {
				t.Fatalf("got %d objects, err %v; want the answer of the retry", len(got), err)
			}
			if len(reqs) < 2 || reqs[0].Status != http.StatusInternalServerError || reqs[1].Status != http.StatusOK {
				t.Fatalf("requests %v, want a 500 and then a 200", reqs)
			}
			if reqs[0].Method != reqs[1].Method || reqs[0].Path != reqs[1].Path || !bytes.Equal(reqs[0].Body, reqs[1].Body) ||
				reqs[0].Query.Encode() != reqs[1].Query.Encode() {
				t.Errorf("the retry differs from the first attempt:\n%+v\n%+v", reqs[0], reqs[1])
			}
		})
	}
}
