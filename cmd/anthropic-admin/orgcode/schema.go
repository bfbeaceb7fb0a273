package orgcode

import (
	"reflect"
	"strings"

	"github.com/anthropic-admin-go/admin"
)

// Schema is the JSON Schema (draft 2020-12) of the file: every key, which
// are required, the values enums take, and no other keys. Editors use it to
// complete and check a file.
func Schema() map[string]any {
	s := schemaOf(reflect.TypeFor[File]())
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode/v1"
	s["title"] = "anthropic-admin organization file"
	s["description"] = "The desired state of an Anthropic organization, for anthropic-admin plan and apply."
	s["properties"].(map[string]any)["version"] = map[string]any{"const": Version, "description": "The file format's version."}
	return s
}

// enums are the values the file's enum types take.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[admin.OrgRole]():            strs(knownOrgRoles),
	reflect.TypeFor[admin.WorkspaceRole]():      strs(knownWorkspaceRoles),
	reflect.TypeFor[admin.APIKeyStatus]():       strs(append(settableKeyStatuses[:len(settableKeyStatuses):len(settableKeyStatuses)], admin.APIKeyStatusExpired)),
	reflect.TypeFor[admin.WorkspaceGeo]():       strs(knownWorkspaceGeos),
	reflect.TypeFor[admin.InferenceGeo]():       strs(knownInferenceGeos),
	reflect.TypeFor[admin.SpendLimitPeriod]():   strs(knownPeriods),
	reflect.TypeFor[admin.RateLimiterType]():    strs(knownLimiters),
	reflect.TypeFor[admin.ServiceAccountRole](): strs(knownServiceAccountRoles),
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// descriptions of the keys, by the Go type and field they belong to.
var descriptions = map[string]string{
	"File.organization":              "The organization's name; a file for another organization is refused.",
	"File.members":                   "The organization's members and their roles. Members join through invites.",
	"File.workspaces":                "The workspaces, with their members and rate limits.",
	"File.api_keys":                  "The API keys: name and status. The API cannot create keys.",
	"File.spend_limits":              "Spend limits in US dollars by period.",
	"File.invites":                   "The pending invites.",
	"File.rbac_groups":               "RBAC groups (Claude Enterprise) and their members.",
	"RBACGroup.id":                   "Finds the group whatever its name; with it, a new name renames.",
	"RBACGroup.roles":                "The group's roles by name, read only: the API cannot attach or detach roles.",
	"RBACGroup.members":              "The group's members by email.",
	"File.service_accounts":          "Service accounts (read and changed with an OAuth token with org:admin).",
	"ServiceAccount.name":            "A slug: lowercase letters, digits and hyphens; unique in the organization.",
	"ServiceAccount.id":              "Which account is meant; the API cannot rename one.",
	"ServiceAccount.role":            "The organization role; left out, left as it is.",
	"ServiceAccount.workspaces":      "Workspace roles by workspace name; left out, left as they are.",
	"ServiceAccountsSection.prune":   "Archive unlisted accounts (final; apply needs --allow-archive) and remove unlisted workspace roles.",
	"File.federation_rules":          "Workload identity federation rules (read and changed with an OAuth token with org:admin).",
	"FederationRule.id":              "Finds the rule whatever its name; with it, a new name renames.",
	"FederationRule.issuer":          "The issuer's name; fixed once the rule exists. The file does not make issuers.",
	"FederationRule.service_account": "The name of the service account its tokens act as.",
	"FederationRule.oauth_scope":     "The scopes of the tokens it mints, space-separated.",
	"FederationRule.token_lifetime":  "Seconds, 60 to 86400; left out, left as it is.",
	"FederationRule.all_workspaces":  "Enable it in every workspace, later ones too.",
	"FederationRule.workspaces":      "The workspaces it is enabled in, by name; left out, left as they are.",
	"FederationMatch.condition":      "A CEL expression over the token's claims.",
	"FederationRulesSection.prune":   "Archive unlisted rules (final; apply needs --allow-archive) and remove unlisted workspaces from listed rules.",
	"RBACGroupsSection.prune":        "Delete unlisted groups and take unlisted members out of listed groups.",
	"Workspace.id":                   "Only where two workspaces share a name; with it, a new name renames.",
	"Workspace.default":              "The organization's default workspace (cannot be archived or renamed).",
	"Workspace.archived":             "Archive the workspace (irreversible; apply needs --allow-archive).",
	"Workspace.rate_limits":          "The workspace's own limits by group (model group name, or batch, token_count, files, skills, web_search) and limiter; never above the organization's.",
	"DataResidency.workspace_geo":    "Fixed when the workspace is created.",
	"APIKey.workspace":               "The key's workspace, by name (by ID when names repeat).",
	"APIKey.id":                      "Only where two keys of a workspace share a name; with it, a new name renames.",
	"Member.name":                    "Shown for the reader; the API cannot change it.",
	"MembersSection.prune":           "Remove the members the file does not list (never an admin).",
	"InvitesSection.prune":           "Delete the pending invites the file does not list.",
	"WorkspacesSection.prune":        "Archive unlisted workspaces, remove unlisted workspace members, clear unlisted tags and rate limits.",
	"APIKeysSection.prune":           "Archive the keys the file does not list (irreversible).",
	"SpendLimitsSection.prune":       "Delete the spend limits the file does not list.",
	"SpendLimitsSection.workspaces":  "By workspace name.",
	"SpendLimitsSection.members":     "By member email.",
}

func schemaOf(t reflect.Type) map[string]any {
	switch t {
	case reflect.TypeFor[Geos]():
		return map[string]any{"oneOf": []any{
			map[string]any{"const": "unrestricted"},
			map[string]any{"type": "array", "items": schemaOf(reflect.TypeFor[admin.InferenceGeo]()), "minItems": 1},
		}}
	case reflect.TypeFor[USD]():
		return map[string]any{"description": "US dollars, at most two decimals: 1500 or \"1500.50\".",
			"oneOf": []any{map[string]any{"type": "string", "pattern": usdText.String()}, map[string]any{"type": "number", "minimum": 0}}}
	}
	if values, ok := enums[t]; ok {
		return map[string]any{"type": "string", "enum": values}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem())
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		s := map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
		if values, ok := enums[t.Key()]; ok {
			s["propertyNames"] = map[string]any{"enum": values}
		}
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer", "minimum": 0}
	case reflect.String:
		return map[string]any{"type": "string"}
	}
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		sf := t.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		p := schemaOf(sf.Type)
		if d, ok := descriptions[t.Name()+"."+name]; ok {
			p["description"] = d
		}
		props[name] = p
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
