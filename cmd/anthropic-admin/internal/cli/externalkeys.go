package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// This file is the external-keys noun: customer-managed key configs in the
// organization's own KMS, named by ID (ekey_…, or a KMS key ARN) or by
// display name.

// keyLocation says where a key lives, in its provider's own terms.
func keyLocation(p admin.ExternalKeyProviderConfig) string {
	switch p.Type {
	case admin.KMSProviderAWS:
		return p.KMSARN
	case admin.KMSProviderGCP:
		return p.KeyName
	case admin.KMSProviderAzure:
		return strings.TrimSuffix(p.VaultURI, "/") + "/keys/" + p.KeyName
	}
	return "-"
}

func externalKeyColumns(a *app) []output.Column[admin.ExternalKey] {
	type k = admin.ExternalKey
	return []output.Column[k]{
		{Header: "id", Fit: output.FitID, Text: func(x k) string { return x.ID }},
		{Header: "name", Field: "display_name", Fit: output.FitName, Text: func(x k) string { return x.DisplayName }},
		{Header: "provider", Field: "provider_config_type", Fit: output.FitKeep, Text: func(x k) string { return string(x.ProviderConfig.Type) }},
		{Header: "key", Field: "provider_config_key", Text: func(x k) string { return keyLocation(x.ProviderConfig) }},
		{Header: "geo", Fit: output.FitKeep, Text: func(x k) string { return string(x.Geo) }},
		{Header: "attached", Field: "attachment_type", Fit: output.FitKeep, Text: func(x k) string {
			if x.Attachment.Attached() {
				return "yes"
			}
			return "no"
		}, Value: func(x k) string { return x.Attachment.Type }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(x k) string { return a.when(x.UpdatedAt) }, Value: func(x k) string { return rfc3339(x.UpdatedAt) }},
	}
}

func externalKeyRaw(k admin.ExternalKey) json.RawMessage { return k.RawJSON() }

// externalKeyArg resolves a key config given by ID (ekey_… or an ARN) or by
// display name.
func (a *app) externalKeyArg(cmd *cobra.Command, arg string) (*admin.Client, admin.ExternalKey, error) {
	return resolve(a, cmd, arg, func(c *admin.Client) lookup[admin.ExternalKey] {
		return lookup[admin.ExternalKey]{what: "external key", listCmd: "anthropic-admin external-keys list", prefixes: []string{"ekey_", "arn:"},
			get: func(ctx context.Context, id string) (*admin.ExternalKey, error) { return c.ExternalKeys.Get(ctx, id) },
			list: func() *admin.List[admin.ExternalKey] {
				return c.ExternalKeys.List(admin.ExternalKeyListParams{PageCursor: admin.PageCursor{Limit: 100}})
			},
			name: func(k admin.ExternalKey) string { return k.DisplayName }, id: func(k admin.ExternalKey) string { return k.ID },
		}
	})
}

// keyFlags are create's provider flags: one provider's, never two.
type keyFlags struct {
	awsARN, awsRegion                 string
	gcpKey                            string
	azureVault, azureKey, azureTenant string
	azureClient                       string
}

func (f *keyFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.awsARN, "aws-kms-arn", "", "AWS: the KMS key's full ARN")
	fl.StringVar(&f.awsRegion, "aws-region", "", "AWS: the key's region (from the ARN when left out)")
	fl.StringVar(&f.gcpKey, "gcp-key", "", "Google Cloud: the Cloud KMS key's resource name (projects/…/cryptoKeys/…)")
	fl.StringVar(&f.azureVault, "azure-vault-uri", "", "Azure: the Key Vault or Managed HSM URI")
	fl.StringVar(&f.azureKey, "azure-key", "", "Azure: the key's name in the vault")
	fl.StringVar(&f.azureTenant, "azure-tenant-id", "", "Azure: the Azure AD tenant ID")
	fl.StringVar(&f.azureClient, "azure-client-id", "", "Azure: the application (client) ID; Anthropic's multitenant app when left out")
}

// config is the provider config the flags give.
func (f *keyFlags) config(cmd *cobra.Command) (admin.ExternalKeyProviderConfig, error) {
	aws, gcp := f.awsARN != "" || f.awsRegion != "", f.gcpKey != ""
	azure := f.azureVault != "" || f.azureKey != "" || f.azureTenant != "" || f.azureClient != ""
	n := 0
	for _, given := range []bool{aws, gcp, azure} {
		if given {
			n++
		}
	}
	if n != 1 {
		return admin.ExternalKeyProviderConfig{}, usageErr(cmd, "give one provider's flags: --aws-kms-arn, --gcp-key, or --azure-vault-uri with --azure-key and --azure-tenant-id")
	}
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	switch {
	case aws:
		return admin.ExternalKeyProviderConfig{Type: admin.KMSProviderAWS, KMSARN: f.awsARN, Region: opt(f.awsRegion)}, nil
	case gcp:
		return admin.ExternalKeyProviderConfig{Type: admin.KMSProviderGCP, KeyName: f.gcpKey}, nil
	}
	return admin.ExternalKeyProviderConfig{Type: admin.KMSProviderAzure, VaultURI: f.azureVault, KeyName: f.azureKey,
		TenantID: f.azureTenant, ClientID: opt(f.azureClient)}, nil
}

// validationRow is one key's validation, named.
type validationRow struct {
	key admin.ExternalKey
	admin.ExternalKeyValidation
}

var validationColumns = []output.Column[validationRow]{
	{Header: "id", Fit: output.FitID, Text: func(r validationRow) string { return r.key.ID }},
	{Header: "name", Field: "display_name", Fit: output.FitName, Text: func(r validationRow) string { return r.key.DisplayName }},
	{Header: "status", Fit: output.FitKeep, Text: func(r validationRow) string { return string(r.Status) }},
	{Header: "error", Text: func(r validationRow) string {
		if r.Error == nil {
			return "-"
		}
		return *r.Error
	}, Value: func(r validationRow) string {
		if r.Error == nil {
			return ""
		}
		return *r.Error
	}},
}

func (a *app) externalKeysCommand() *cobra.Command {
	keys := &cobra.Command{
		Use:     "external-keys",
		Aliases: []string{"external-key", "ekeys"},
		Short:   "Customer-managed encryption keys (CMEK) in your own KMS on AWS, Google Cloud or Azure",
		Long: `external-keys manages the organization's external key configs: keys in its own
KMS (AWS KMS, Google Cloud KMS, Azure Key Vault) that workspaces can encrypt
their data under. validate has Anthropic encrypt and decrypt with each key
and says which the KMS refuses. Keys are named by ID (ekey_…, or the key's
ARN on Claude Platform on AWS) or by display name.`,
	}

	list := listCommand(a, "List the external key configs", "  anthropic-admin external-keys list\n  anthropic-admin external-keys list -o yaml", "external keys",
		func(c *admin.Client, p admin.PageCursor) *admin.List[admin.ExternalKey] {
			return c.ExternalKeys.List(admin.ExternalKeyListParams{PageCursor: p})
		}, externalKeyRaw, func(context.Context, *admin.Client) []output.Column[admin.ExternalKey] { return externalKeyColumns(a) })

	get := &cobra.Command{
		Use:     "get KEY",
		Short:   "Show an external key config (by ID or display name)",
		Example: "  anthropic-admin external-keys get \"Vertex AI CMEK (us)\"",
		Args:    exactArgs("KEY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, k, err := a.externalKeyArg(cmd, args[0])
			if err != nil {
				return err
			}
			return printOne(a, cmd, k, externalKeyRaw, externalKeyColumns(a))
		},
	}

	var name string
	var flags keyFlags
	create := &cobra.Command{
		Use:   "create (--aws-kms-arn ARN | --gcp-key NAME | --azure-vault-uri URI --azure-key K --azure-tenant-id T) [--name NAME]",
		Short: "Register a key of your KMS as an external key config",
		Example: "  anthropic-admin external-keys create --name \"Analytics key\" --gcp-key projects/acme-data/locations/us/keyRings/claude/cryptoKeys/analytics\n" +
			"  anthropic-admin external-keys create --aws-kms-arn arn:aws:kms:us-east-2:123456789012:key/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9 --dry-run",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pc, err := flags.config(cmd)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			k, err := c.ExternalKeys.Create(cmd.Context(), admin.ExternalKeyCreateParams{ProviderConfig: pc, DisplayName: name})
			if err != nil || a.flags.dryRun {
				return inputErr(cmd, err)
			}
			return printOne(a, cmd, *k, externalKeyRaw, externalKeyColumns(a))
		},
	}
	create.Flags().StringVar(&name, "name", "", "the display name")
	flags.register(create)

	update := renameCommand(a, "KEY", "Rename an external key config",
		"  anthropic-admin external-keys update \"Production AWS key\" --name \"Production key (us-east-1)\"", "the key's new display name",
		a.externalKeyArg, func(ctx context.Context, c *admin.Client, k admin.ExternalKey, name string) (*admin.ExternalKey, error) {
			return c.ExternalKeys.Update(ctx, k.ID, admin.ExternalKeyUpdateParams{DisplayName: admin.Set(name)})
		}, externalKeyRaw, func(context.Context, *admin.Client) []output.Column[admin.ExternalKey] { return externalKeyColumns(a) })

	del := deleteCommand(a, "KEY", "Delete external key configs (asks first)", "  anthropic-admin external-keys delete \"Vertex AI CMEK (eu)\" --yes",
		"external key", a.externalKeyArg,
		func(k admin.ExternalKey) target {
			return target{id: k.ID, label: fmt.Sprintf("%s (%s)", k.DisplayName, k.ID)}
		},
		func(ctx context.Context, c *admin.Client, id string) error {
			_, err := c.ExternalKeys.Delete(ctx, id)
			return err
		})

	var all bool
	validate := &cobra.Command{
		Use:   "validate (KEY... | --all)",
		Short: "Check that your KMS lets Anthropic encrypt and decrypt with each key",
		Long: `validate has Anthropic run an encrypt/decrypt round trip with each key in your
KMS, and shows each key's result. It exits 1 when any key failed, after
showing them all.`,
		Example: "  anthropic-admin external-keys validate --all   # exits 1 when a key fails validation\n" +
			"  anthropic-admin external-keys validate \"Production AWS key\"",
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) > 0) == all {
				return usageErr(cmd, "give the keys to validate, or --all")
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			var keys []admin.ExternalKey
			if all {
				if keys, err = c.ExternalKeys.List(admin.ExternalKeyListParams{PageCursor: admin.PageCursor{Limit: 100}}).Collect(ctx); err != nil {
					return err
				}
			}
			for _, arg := range args {
				_, k, err := a.externalKeyArg(cmd, arg)
				if err != nil {
					return err
				}
				keys = append(keys, k)
			}
			var rows []validationRow
			failed := 0
			for _, k := range keys {
				v, err := c.ExternalKeys.Validate(ctx, k.ID)
				if err != nil {
					return err
				}
				if a.flags.dryRun {
					continue
				}
				if v.Status != admin.ExternalKeyValid {
					failed++
				}
				rows = append(rows, validationRow{key: k, ExternalKeyValidation: *v})
			}
			if a.flags.dryRun {
				return nil
			}
			if err := printList(a, cmd, rows, func(r validationRow) json.RawMessage { return r.RawJSON() }, validationColumns); err != nil {
				return err
			}
			if failed > 0 {
				return &exitError{code: ExitError, err: fmt.Errorf("%s of %d failed validation: fix the key's policy or state in your KMS, then validate again", count(failed, "key"), len(rows))}
			}
			return nil
		},
	}
	validate.Flags().BoolVar(&all, "all", false, "validate every external key config")

	keys.AddCommand(list, get, create, update, del, validate)
	return keys
}

// externalKeyNames are the external key configs, by display name.
func externalKeyNames(cmd *cobra.Command, c *admin.Client, _ []string) ([]cobra.Completion, error) {
	var out []cobra.Completion
	for k, err := range c.ExternalKeys.List(admin.ExternalKeyListParams{PageCursor: admin.PageCursor{Limit: 100}}).All(cmd.Context()) {
		if err != nil {
			return nil, err
		}
		out = append(out, cobra.CompletionWithDesc(k.DisplayName, k.ID))
	}
	return out, nil
}
