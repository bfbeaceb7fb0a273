package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
)

// This file holds every set of values a flag documents (the enums of
// shared/spec/admin-api.md and docs-notes §7). Commands check input against
// them before anything is sent, and shell completion offers them, so the two
// never disagree. The library stays open to values the API adds later; this
// tool refuses a value until its list here learns it, and says which it knows.

// valueSet is the documented values of one kind of flag.
type valueSet struct {
	what   string   // what one value is, for "not a role this tool knows"
	values []string // as sent on the wire
	// prefix is a prefix of every value that input may leave out, and that
	// messages and completion leave out ("workspace_" of workspace roles).
	prefix string
	// of is the wider set this one is part of: its other values are known
	// but refused here, for the reason why.
	of  *valueSet
	why string
}

func values[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

var (
	// orgRoles are the roles a member can have, for list filters. Console
	// organizations use the first five, Claude Enterprise the others.
	orgRoles = valueSet{what: "role", values: values(admin.OrgRoleUser, admin.OrgRoleDeveloper, admin.OrgRoleBilling,
		admin.OrgRoleAdmin, admin.OrgRoleClaudeCodeUser, admin.OrgRoleManaged, admin.OrgRoleMembershipAdmin,
		admin.OrgRoleOwner, admin.OrgRolePrimaryOwner)}
	// assignableOrgRoles can be given by an invite or a role change; managed
	// is Claude Enterprise's.
	assignableOrgRoles = valueSet{what: "role", values: values(admin.OrgRoleUser, admin.OrgRoleDeveloper,
		admin.OrgRoleBilling, admin.OrgRoleClaudeCodeUser, admin.OrgRoleManaged),
		of: &orgRoles, why: "cannot be assigned through the API"}

	// workspaceRoles can be given by a role change; addableWorkspaceRoles
	// when adding a member, which cannot give the billing role.
	workspaceRoles = valueSet{what: "workspace role", prefix: "workspace_", values: values(admin.WorkspaceRoleUser,
		admin.WorkspaceRoleDeveloper, admin.WorkspaceRoleRestrictedDeveloper, admin.WorkspaceRoleAdmin, admin.WorkspaceRoleBilling)}
	addableWorkspaceRoles = valueSet{what: "workspace role", prefix: "workspace_", values: workspaceRoles.values[:4:4],
		of: &workspaceRoles, why: "cannot be given when adding a member: add with another role, then update"}

	// inviteStatuses are the statuses the invite list filters on (deleted
	// invites are never listed).
	inviteStatuses = valueSet{what: "invite status", values: values(admin.InviteStatusPending, admin.InviteStatusAccepted, admin.InviteStatusExpired)}

	// apiKeyStatuses can be listed by, expired (reached by time alone)
	// included; settableKeyStatuses can be set by an update.
	apiKeyStatuses = valueSet{what: "key status", values: values(admin.APIKeyStatusActive, admin.APIKeyStatusInactive,
		admin.APIKeyStatusArchived, admin.APIKeyStatusExpired)}
	settableKeyStatuses = valueSet{what: "key status", values: apiKeyStatuses.values[:3:3],
		of: &apiKeyStatuses, why: "cannot be set: a key reaches it by time alone"}

	// inferenceGeos are the geographies a workspace's settings accept; an
	// allowed list may instead be the word unrestricted.
	inferenceGeos = valueSet{what: "geography", values: values(admin.InferenceGeoGlobal, admin.InferenceGeoUS)}

	rateLimitGroupTypes = valueSet{what: "group type", values: values(admin.RateLimitGroupModelGroup, admin.RateLimitGroupBatch,
		admin.RateLimitGroupTokenCount, admin.RateLimitGroupFiles, admin.RateLimitGroupSkills, admin.RateLimitGroupWebSearch)}
	limiterTypes = valueSet{what: "limiter type", values: values(admin.RateLimiterRequestsPerMinute, admin.RateLimiterInputTokensPerMinute,
		admin.RateLimiterInputTokensPerMinuteCacheAware, admin.RateLimiterOutputTokensPerMinute, admin.RateLimiterTokensPerMinute,
		admin.RateLimiterTokensPerDay, admin.RateLimiterToolUsesPerSecond, admin.RateLimiterFastInputTokensPerMinCacheAware,
		admin.RateLimiterFastOutputTokensPerMinute)}

	// spendLimitScopeTypes are the scopes spend limits list by;
	// spendLimitPeriods the windows a limit resets over; increaseStatuses
	// where an increase request stands.
	spendLimitScopeTypes = valueSet{what: "scope type", values: values(admin.SpendLimitScopeUser, admin.SpendLimitScopeWorkspace,
		admin.SpendLimitScopeOrganization, admin.SpendLimitScopeSeatTier, admin.SpendLimitScopeRBACGroup,
		admin.SpendLimitScopeOrganizationService, admin.SpendLimitScopeUsageTier)}
	spendLimitPeriods = valueSet{what: "period", values: values(admin.SpendLimitDaily, admin.SpendLimitWeekly, admin.SpendLimitMonthly)}
	increaseStatuses  = valueSet{what: "request status", values: values(admin.SpendLimitIncreasePending, admin.SpendLimitIncreaseApproved, admin.SpendLimitIncreaseDenied)}

	// webhookEvents are the event types a webhook endpoint can ask for;
	// telemetryContentModes what a destination's spans contain;
	// settingsModes how Claude Code managed settings are served.
	webhookEvents         = valueSet{what: "event type", values: values(admin.WebhookEventTypes()...)}
	telemetryContentModes = valueSet{what: "content mode", values: values(admin.TelemetryMetadataOnly, admin.TelemetryContent)}
	settingsModes         = valueSet{what: "mode", values: values(admin.ManagedSettingsOrganization, admin.ManagedSettingsRBACGroups)}

	// costServiceTiers are the service tiers of the cost report.
	costServiceTiers = valueSet{what: "service tier", values: values(admin.ServiceTierStandard, admin.ServiceTierBatch)}
	// serviceTiers are the usage report's service_tiers[] filter values.
	serviceTiers = valueSet{what: "service tier", values: values(admin.ServiceTierStandard, admin.ServiceTierBatch,
		admin.ServiceTierPriority, admin.ServiceTierPriorityOnDemand, admin.ServiceTierFlex, admin.ServiceTierFlexDiscount)}
)

// shown are the values as a person types them.
func (s valueSet) shown() []string {
	out := make([]string, len(s.values))
	for i, v := range s.values {
		out[i] = strings.TrimPrefix(v, s.prefix)
	}
	return out
}

// known lists the values for a message: "user, developer, billing".
func (s valueSet) known() string { return strings.Join(s.shown(), ", ") }

// parse returns the wire value of v (any case, the prefix optional), or a
// usage error that names the flag and the values this tool knows.
func (s valueSet) parse(cmd *cobra.Command, flag, v string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(v))
	if s.prefix != "" && !strings.HasPrefix(w, s.prefix) {
		w = s.prefix + w
	}
	switch {
	case slices.Contains(s.values, w):
		return w, nil
	case s.of != nil && slices.Contains(s.of.values, w):
		return "", usageErr(cmd, "--%s %q: %s; use one of %s", flag, v, s.why, s.known())
	}
	article := "a"
	if strings.ContainsRune("aeiou", rune(s.what[0])) {
		article = "an"
	}
	return "", usageErr(cmd, "--%s %q: not %s %s this tool knows; known: %s", flag, v, article, s.what, s.known())
}

// parseAll is parse for a repeatable flag.
func (s valueSet) parseAll(cmd *cobra.Command, flag string, vs []string) ([]string, error) {
	out := make([]string, len(vs))
	for i, v := range vs {
		var err error
		if out[i], err = s.parse(cmd, flag, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// wire converts checked values to a library enum type.
func wire[T ~string](vs []string) []T {
	var out []T
	for _, v := range vs {
		out = append(out, T(v))
	}
	return out
}
