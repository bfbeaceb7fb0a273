package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
)

var orgColumns = []column[*admin.Organization]{
	{header: "name", text: func(o *admin.Organization) string { return o.Name }},
	{header: "id", text: func(o *admin.Organization) string { return o.ID }},
}

func orgRaw(o *admin.Organization) json.RawMessage { return o.RawJSON() }

func (a *app) whoamiCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "whoami",
		Short:   "Show the organization and credential in use",
		Example: "  anthropic-admin whoami\n  anthropic-admin whoami -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			org, err := c.Organization.Get(cmd.Context())
			if err != nil {
				return err
			}
			if f, _ := a.format(cmd); f != formatTable {
				return printOne(a, cmd, org, orgRaw, orgColumns)
			}
			fmt.Fprintf(a.env.Stdout, "Organization:  %s\nID:            %s\nCredential:    %s\nAPI:           %s\n",
				org.Name, org.ID, a.credentialKind(), a.apiURL())
			return nil
		},
	}
}

func (a *app) credentialKind() string {
	switch {
	case a.fake != nil:
		return "built-in demo organization (--fake); no key needed"
	}
	if _, bearer := a.credential(); bearer {
		return "OAuth token (org:admin)"
	}
	return "admin API key"
}

func (a *app) apiURL() string {
	if a.fake != nil {
		return a.fake.URL
	}
	return firstNonEmpty(a.flags.baseURL, a.env.getenv("ANTHROPIC_BASE_URL"), admin.DefaultBaseURL)
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
