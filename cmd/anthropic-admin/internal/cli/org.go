package cli

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

var orgColumns = []output.Column[*admin.Organization]{
	{Header: "name", Text: func(o *admin.Organization) string { return o.Name }},
	{Header: "id", Text: func(o *admin.Organization) string { return o.ID }},
}

func orgRaw(o *admin.Organization) json.RawMessage { return o.RawJSON() }

func (a *app) whoamiCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "whoami",
		Short:   "Show the organization and credential in use",
		Example: "  anthropic-admin whoami\n  anthropic-admin whoami -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			org, err := c.Organization.Get(cmd.Context())
			if err != nil {
				return err
			}
			id := identity{org: org, fake: a.fake != nil, baseURL: a.apiURL()}
			id.credential, id.credentialText = a.credentialKind()
			if format != output.Table {
				return printOne(a, cmd, id, identity.json, identityColumns)
			}
			fmt.Fprint(a.env.Stdout, output.Safef("Organization:  %s\nID:            %s\nCredential:    %s\nAPI:           %s\n",
				org.Name, org.ID, id.credentialText, id.baseURL))
			return nil
		},
	}
}

// identity is what whoami reports: the organization, the kind of
// credential in use, and the API it goes to.
type identity struct {
	org *admin.Organization
	// credential is admin_key, oauth_token, or none with --fake.
	credential, credentialText string
	fake                       bool
	baseURL                    string
}

func (i identity) json() json.RawMessage {
	b, err := json.Marshal(struct {
		Organization json.RawMessage `json:"organization"`
		Credential   string          `json:"credential"`
		Fake         bool            `json:"fake"`
		BaseURL      string          `json:"base_url"`
	}{i.org.RawJSON(), i.credential, i.fake, i.baseURL})
	if err != nil {
		panic(err) // a raw JSON object from the API and plain strings
	}
	return b
}

var identityColumns = []output.Column[identity]{
	{Header: "organization id", Text: func(i identity) string { return i.org.ID }},
	{Header: "organization name", Text: func(i identity) string { return i.org.Name }},
	{Header: "credential", Text: func(i identity) string { return i.credential }},
	{Header: "fake", Text: func(i identity) string { return strconv.FormatBool(i.fake) }},
	{Header: "base url", Text: func(i identity) string { return i.baseURL }},
}

// credentialKind names the credential in use, for data (admin_key,
// oauth_token, none) and for a person.
func (a *app) credentialKind() (kind, text string) {
	if a.fake != nil {
		return "none", "built-in demo organization (--fake); no key needed"
	}
	if a.bearer {
		return "oauth_token", "OAuth token (org:admin)"
	}
	return "admin_key", "admin API key"
}

func (a *app) apiURL() string {
	if a.fake != nil {
		return a.fake.URL
	}
	return firstNonEmpty(a.flags.baseURL, a.env.getenv(admin.BaseURLEnv), admin.DefaultBaseURL)
}

func (a *app) orgCommand() *cobra.Command {
	org := &cobra.Command{Use: "org", Short: "The organization"}
	org.AddCommand(&cobra.Command{
		Use:     "show",
		Short:   "Show the organization",
		Example: "  anthropic-admin org show\n  anthropic-admin org show -o yaml",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			o, err := c.Organization.Get(cmd.Context())
			if err != nil {
				return err
			}
			return printOne(a, cmd, o, orgRaw, orgColumns)
		},
	})
	return org
}
