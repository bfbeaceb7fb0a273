package conformance

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/packages/respjson"
)

// The SDK decodes leniently: a field it cannot read, or one it does not
// know, leaves a mark in the object's JSON metadata instead of failing the
// call. conform reads those marks, so a test learns about every field of
// every object the fake sent, not only the fields it asserts.

// nullable lists the fields (SDK type.Go field) that may be JSON null: the
// ones the spec (admin-api.md) marks as nullable, plus external_key_id,
// which the spec does not mark but which has no other value for a
// workspace without a customer-managed key.
var nullable = map[string]bool{
	"Workspace.ArchivedAt":             true,
	"Workspace.UserProfileID":          true,
	"Workspace.ExternalKeyID":          true,
	"OrganizationInvite.AcceptedAt":    true,
	"APIKey.CreatedBy":                 true,
	"APIKey.ExpiresAt":                 true,
	"APIKey.Principal":                 true,
	"OrganizationRateLimit.Models":     true,
	"WorkspaceRateLimit.Models":        true,
	"WorkspaceRateLimitValue.OrgLimit": true,
	"Page.FirstID":                     true,
	"Page.LastID":                      true,
	"PageCursor.NextPage":              true,
	// A pending increase request is not resolved yet; a limit or an
	// effective limit may be an explicit "no limit" (the spec's docs say
	// null for these amounts).
	"SpendLimitIncreaseRequest.ResolvedAt": true,
	"SpendLimitIncreaseRequest.ResolvedBy": true,
	"BetaSpendLimit.Amount":                true,
	"SpendLimit.Amount":                    true,
	"SpendSummary.Amount":                  true,
	// Analytics: a dimension not asked for is null, and so is a count the
	// API cannot state.
	"BetaAnalyticsCostMetrics.Requests":  true,
	"BetaAnalyticsUsageMetrics.Requests": true,
	"ReportPageCursor.DataRefreshedAt":   true,
	"ReportPageCursor.NextPage":          true,
	// Plugins and Claude Tag: what a version does not declare, a scan
	// that has not run or found nothing, a report with nothing wrong, a
	// channel with no reply mode (the spec's docs say null for each).
	"BetaPlugin.Components":                                   true,
	"BetaPlugin.ContentScan":                                  true,
	"BetaPlugin.CreatedBy":                                    true,
	"BetaPlugin.ManifestVersion":                              true,
	"BetaPlugin.Reach":                                        true,
	"BetaPluginVersion.Components":                            true,
	"BetaPluginVersion.ContentScan":                           true,
	"BetaPluginVersion.CreatedBy":                             true,
	"BetaPluginVersion.Description":                           true,
	"BetaPluginVersion.DisplayName":                           true,
	"BetaPluginVersion.ManifestVersion":                       true,
	"BetaPluginVersion.Reach":                                 true,
	"BetaPluginVersion.ReleaseNotes":                          true,
	"BetaPluginContentScan.Reason":                            true,
	"BetaPluginComponent.Description":                         true,
	"BetaPluginUserActor.EmailAddress":                        true,
	"BetaPluginMarketplaceValidationReport.CommitSha":         true,
	"BetaPluginMarketplaceValidationReport.ManifestError":     true,
	"BetaPluginMarketplaceValidationReport.ManifestErrorCode": true,
	"BetaClaudeTagSettings.ReplyMode":                         true,
	// Telemetry destinations: no delivery yet, or none that failed; no
	// traces URL or content bound of their own. last_error_at is not
	// marked, but has no other value for a destination that never failed.
	"BetaTelemetryDestinationDeliveryHealth.LastError":     true,
	"BetaTelemetryDestinationDeliveryHealth.LastErrorAt":   true,
	"BetaTelemetryDestinationDeliveryHealth.LastSuccessAt": true,
	"BetaTelemetryDestinationTraces.EndpointURL":           true,
	"BetaTelemetryDestinationTraces.MaxContentBytes":       true,
	// Managed settings: a mode never changed, a default never set, a
	// document that can no longer be read.
	"BetaClaudeCodeManagedSettingsConfiguration.ModeUpdatedAt": true,
	"BetaClaudeCodeRBACGroupDefaultManagedSettings.Settings":   true,
	"BetaClaudeCodeRBACGroupDefaultManagedSettings.UpdatedAt":  true,
	"BetaClaudeCodeRBACGroupManagedSettings.Settings":          true,
	// Access and data controls: what the spec's docs say can be null (a key
	// or storage bound to no user profile, a validation that did not fail,
	// Anthropic's multitenant app). The controls' regions are maps, which
	// conform does not walk.
	"RBACGroup.RoleIDs":                             true,
	"ExternalKey.UserProfileID":                     true,
	"AWSExternalKeyConfig.Region":                   true,
	"AzureExternalKeyConfig.ClientID":               true,
	"OrganizationExternalKeyValidateResponse.Error": true,
	"BetaExternalStorage.UserProfileID":             true,
	// Service accounts and federation: what is not archived has no
	// archive time or actor; an issuer whose keys are inline is not polled,
	// one that was never fetched has no fetch time, one whose polling is
	// paused has no next poll; a rule's match sets only some matchers; a
	// target or workspace the API cannot name has no name.
	"ServiceAccount.ArchivedAt":                true,
	"ServiceAccount.ArchivedByActorID":         true,
	"FederationIssuer.ArchivedAt":              true,
	"FederationIssuer.ArchivedByActorID":       true,
	"FederationIssuer.JWKSPollingDisabledAt":   true,
	"FederationIssuer.PollStatus":              true,
	"FederationIssuerPollStatus.LastFetchedAt": true,
	"FederationIssuerPollStatus.NextPollAt":    true,
	"JWKSDiscovery.CACertPEM":                  true,
	"JWKSDiscovery.DiscoveryBase":              true,
	"JWKSExplicitURL.CACertPEM":                true,
	"FederationRule.ArchivedAt":                true,
	"FederationRule.ArchivedByActorID":         true,
	"FederationRuleMatch.Audience":             true,
	"FederationRuleMatch.Claims":               true,
	"FederationRuleMatch.Condition":            true,
	"FederationRuleMatch.SubjectPrefix":        true,
	"ServiceAccountTarget.ServiceAccountName":  true,
	"FederationRuleWorkspace.WorkspaceName":    true,
}

// conform fails the test for every field of v (an SDK response object,
// page, or slice of them, walked to the bottom) that the fake left out,
// sent as null where the spec does not allow it, sent with a type the SDK
// cannot decode, or sent although the SDK does not know it.
func conform(t *testing.T, what string, v any) {
	t.Helper()
	for _, p := range decodeProblems(reflect.ValueOf(v), what) {
		t.Errorf("SDK decoding: %s", p)
	}
}

func decodeProblems(v reflect.Value, path string) []string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return []string{path + ": nil"}
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, decodeProblems(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	case reflect.Struct:
	default:
		return nil
	}
	typ := v.Type()
	name, _, _ := strings.Cut(typ.Name(), "[") // Page[...] is Page
	if strings.HasSuffix(name, "Union") {
		return unionProblems(v, path)
	}
	meta := v.FieldByName("JSON")
	if !meta.IsValid() || meta.Kind() != reflect.Struct {
		return nil // time.Time and other plain values
	}
	var out []string
	if extra := meta.FieldByName("ExtraFields"); extra.IsValid() {
		for _, k := range extra.MapKeys() {
			out = append(out, fmt.Sprintf("%s.%s: a field %s does not have", path, k, name))
		}
	}
	for i := range typ.NumField() {
		sf := typ.Field(i)
		mf := meta.FieldByName(sf.Name)
		if !sf.IsExported() || sf.Name == "JSON" || !mf.IsValid() {
			continue
		}
		f, ok := mf.Interface().(respjson.Field)
		if !ok {
			continue
		}
		jsonName, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		p := path + "." + jsonName
		switch {
		case f.Raw() == respjson.Omitted:
			if !omittable[name+"."+sf.Name] {
				out = append(out, p+": missing")
			}
		case f.Raw() == respjson.Null:
			if !nullable[name+"."+sf.Name] {
				out = append(out, p+": null, which the spec does not allow")
			}
		case !f.Valid():
			out = append(out, fmt.Sprintf("%s: %s does not decode as %s", p, f.Raw(), sf.Type))
		default:
			out = append(out, decodeProblems(v.Field(i), p)...)
		}
	}
	return out
}

// unionProblems checks the variant a discriminated union holds. Unions of
// plain values have no AsAny; the tests read those with their As methods.
func unionProblems(v reflect.Value, path string) []string {
	asAny := v.MethodByName("AsAny")
	if !asAny.IsValid() {
		return nil
	}
	variant := asAny.Call(nil)[0]
	if variant.IsNil() {
		raw, _ := v.Interface().(interface{ RawJSON() string })
		return []string{fmt.Sprintf("%s: no variant of %s matches %s", path, v.Type().Name(), raw.RawJSON())}
	}
	return decodeProblems(variant, path)
}

// TestConformCatchesProblems makes sure the checker itself sees each kind
// of problem, so a passing conformance test means something.
func TestConformCatchesProblems(t *testing.T) {
	const user = `"id":"user_1","type":"user","email":"a@b.example","name":"A","role":"user"`
	const key = `"id":"apikey_1","type":"api_key","name":"k","status":"active","created_at":"2026-01-02T03:04:05Z",` +
		`"created_by":null,"expires_at":null,"partial_key_hint":"sk-ant-api03-x","scope":{"type":"workspace","workspace_id":"wrkspc_1"}`
	tests := []struct {
		name string
		into interface{ UnmarshalJSON([]byte) error }
		body string
		want string
	}{
		{"good user", &anthropic.OrganizationUser{}, `{` + user + `,"added_at":"2026-01-02T03:04:05Z"}`, ""},
		{"missing field", &anthropic.OrganizationUser{}, `{` + user + `}`, "x.added_at: missing"},
		{"null where not allowed", &anthropic.OrganizationUser{}, `{` + user + `,"added_at":null}`, "x.added_at: null"},
		{"wrong type", &anthropic.OrganizationUser{}, `{` + user + `,"added_at":12}`, "x.added_at: 12 does not decode"},
		{"unknown field", &anthropic.OrganizationUser{}, `{` + user + `,"added_at":"2026-01-02T03:04:05Z","extra":1}`, "x.extra: a field"},
		{"good key", &anthropic.APIKey{}, `{` + key + `,"principal":{"type":"user_actor","user_id":"user_1"}}`, ""},
		{"nested problem", &anthropic.APIKey{}, `{` + key + `,"principal":{"type":"user_actor"}}`, "x.principal.user_id: missing"},
		{"unknown variant", &anthropic.APIKey{}, `{` + key + `,"principal":{"type":"robot"}}`, "x.principal: no variant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.into.UnmarshalJSON([]byte(tt.body)); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(decodeProblems(reflect.ValueOf(tt.into), "x"), "; ")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("problems = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// An analytics row's group holds every dimension, null unless the request
// broke out by it (the spec's group types say so of each).
func init() {
	for _, f := range []string{"Actor", "ActorType", "AgentID", "APIKeyID", "ClaudeTagCategory", "ClaudeTagUserID", "ContextWindow",
		"CostType", "DeploymentID", "EnvironmentID", "InferenceGeo", "Model", "OrganizationID", "Product", "RBACGroupID",
		"ServiceTier", "SessionID", "SlackChannelID", "Speed", "TokenType", "UserProfileID", "WorkspaceID"} {
		nullable["BetaAnalyticsCostGroup."+f] = true
		if f != "CostType" && f != "TokenType" {
			nullable["BetaAnalyticsUsageGroup."+f] = true
		}
	}
	// The analytics reports' rows: each dimension the spec marks nullable
	// (all but speed), and the request count.
	for _, f := range []string{"ClaudeTagCategory", "ClaudeTagUserID", "ContextWindow", "CostType", "InferenceGeo", "Model",
		"Product", "RBACGroupID", "Requests", "SlackChannelID", "TokenType"} {
		nullable["BetaAnalyticsCostBucketedResult."+f] = true
		nullable["BetaAnalyticsCostUsersItem."+f] = true
		if f != "CostType" && f != "TokenType" {
			nullable["BetaAnalyticsUsageBucketedResult."+f] = true
			nullable["BetaAnalyticsUsageUsersItem."+f] = true
		}
	}
}

// omittable are the fields the spec does not require and the API leaves
// out unless the request asked for them: an activity row's break-outs are
// there only when the request grouped by them (and null where a row has no
// value, as a member of no RBAC group).
var omittable = map[string]bool{}

func init() {
	for _, typ := range []string{"AnalyticsArtifactActivity", "AnalyticsPluginActivity", "AnalyticsSkillActivity"} {
		for _, f := range []string{"Product", "RBACGroupID", "RBACGroupName", "UserID"} {
			omittable[typ+"."+f] = true
			nullable[typ+"."+f] = true
		}
	}
	for _, f := range []string{"RBACGroupID", "RBACGroupName", "UserID"} {
		omittable["AnalyticsProjectActivity."+f], nullable["AnalyticsProjectActivity."+f] = true, true
	}
	nullable["AnalyticsProjectActivity.DistinctConversationCount"] = true
	for _, f := range []string{"Product", "RBACGroupID", "RBACGroupName", "UserID", "ChatCoworkUnifiedMetrics"} {
		omittable["AnalyticsConnectorActivity."+f], nullable["AnalyticsConnectorActivity."+f] = true, true
	}
	for _, f := range []string{"ConnectorDisplayName", "IndividualAuthDistinctUserCount", "ManagedAuthDistinctUserCount", "ReadCallCount", "WriteCallCount", "UnclassifiedCallCount"} {
		nullable["AnalyticsConnectorActivity."+f] = true
	}
	for _, f := range []string{"RBACGroupID", "RBACGroupName", "ChatCoworkUnifiedMetrics", "ClaudeTagMetrics", "LastActivityDate"} {
		omittable["AnalyticsUserActivity."+f], nullable["AnalyticsUserActivity."+f] = true, true
	}
	nullable["AnalyticsUserActivity.DistinctUserCount"] = true
	// A summary's per-product counts are null where the product is not
	// available; its seat, invite and rate fields on a series scoped to
	// RBAC groups.
	for _, p := range []string{"Chat", "ChatCoworkUnified", "ClaudeCode", "ClaudeDesign", "ClaudeTag", "OfficeAgent", "Science", ""} {
		for _, w := range []string{"Daily", "Weekly", "Monthly"} {
			nullable["AnalyticsSingleDayActivitySummary."+p+w+"ActiveUserCount"] = p != ""
			if p == "" {
				nullable["AnalyticsSingleDayActivitySummary."+w+"AdoptionRate"] = true
			}
		}
	}
	for _, f := range []string{"ScienceEntitledUserCount", "AssignedSeatCount", "PendingInviteCount"} {
		nullable["AnalyticsSingleDayActivitySummary."+f] = true
	}
	for _, f := range []string{"AnalyticsConnectorChatMetrics", "AnalyticsConnectorChatCoworkUnifiedChatMetrics"} {
		nullable[f+".DistinctConversationConnectorUsedCount"] = true
	}
	for _, f := range []string{"AnalyticsConnectorClaudeCodeMetrics", "AnalyticsConnectorCoworkMetrics", "AnalyticsConnectorOfficeProductMetrics", "AnalyticsConnectorChatCoworkUnifiedSessionsMetrics"} {
		nullable[f+".DistinctSessionConnectorUsedCount"] = true
	}
	// Metrics only where Chat and Cowork unified is available; a session
	// count a rolled-up row cannot compute is null.
	for _, f := range []string{"AnalyticsPluginActivity.ChatCoworkUnifiedMetrics", "AnalyticsSkillActivity.ChatCoworkUnifiedMetrics"} {
		omittable[f], nullable[f] = true, true
	}
	for _, f := range []string{"AnalyticsPluginClaudeCodeMetrics", "AnalyticsPluginCoworkMetrics", "AnalyticsPluginChatCoworkUnifiedMetrics"} {
		nullable[f+".DistinctSessionPluginUsedCount"] = true
	}
	for _, f := range []string{"AnalyticsSkillChatMetrics", "AnalyticsSkillChatCoworkUnifiedChatMetrics"} {
		nullable[f+".DistinctConversationSkillUsedCount"] = true
	}
	for _, f := range []string{"AnalyticsSkillClaudeCodeMetrics", "AnalyticsSkillCoworkMetrics", "AnalyticsSkillOfficeProductMetrics", "AnalyticsSkillChatCoworkUnifiedSessionsMetrics"} {
		nullable[f+".DistinctSessionSkillUsedCount"] = true
	}
	for _, f := range []string{"AttributedListPrice", "Currency", "EnableCount", "EstimatedOverageSpend", "SkillDisplayName"} {
		nullable["AnalyticsSkillActivity."+f] = true
	}
}
