package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// webhookSecretEnv holds a webhook endpoint's signing secret for
// `webhooks verify` (the variable the official SDKs read).
const webhookSecretEnv = "ANTHROPIC_WEBHOOK_SIGNING_KEY"

func (a *app) webhookColumns() []output.Column[admin.WebhookEndpoint] {
	type w = admin.WebhookEndpoint
	return []output.Column[w]{
		{Header: "id", Fit: output.FitID, Text: func(e w) string { return e.ID }},
		{Header: "name", Fit: output.FitName, Text: func(e w) string { return orDash(e.Name) }, Value: func(e w) string { return e.Name }},
		{Header: "state", Fit: output.FitKeep, Text: func(e w) string { return string(e.State) }},
		{Header: "events", Field: "enabled_events", Text: func(e w) string { return strings.Join(wireStrings(e.EnabledEvents), ", ") }},
		{Header: "url", Fit: output.FitSpare, Text: func(e w) string { return e.URL }},
		{Header: "disabled reason", Field: "disabled_reason", Fit: output.FitDetail, Text: func(e w) string { return orDash(e.DisabledReason) }, Value: func(e w) string { return e.DisabledReason }},
		{Header: "updated", Field: "updated_at", Fit: output.FitKeep, Text: func(e w) string { return a.when(e.UpdatedAt) }, Value: func(e w) string { return rfc3339(e.UpdatedAt) }},
	}
}

func webhookRaw(e admin.WebhookEndpoint) json.RawMessage { return e.RawJSON() }

func wireStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// webhookArg resolves an endpoint given by ID (whep_…) or by name.
func (a *app) webhookArg(cmd *cobra.Command, arg string) (*admin.Client, admin.WebhookEndpoint, error) {
	return resolve(a, cmd, arg, func(c *admin.Client) lookup[admin.WebhookEndpoint] {
		return lookup[admin.WebhookEndpoint]{what: "webhook endpoint", listCmd: "anthropic-admin webhooks list", prefixes: []string{"whep_"},
			get: func(ctx context.Context, id string) (*admin.WebhookEndpoint, error) { return c.Webhooks.Get(ctx, id) },
			list: func() *admin.List[admin.WebhookEndpoint] {
				return c.Webhooks.List(admin.WebhookListParams{Cursor: admin.Cursor{Limit: 100}})
			},
			name: func(w admin.WebhookEndpoint) string { return w.Name }, id: func(w admin.WebhookEndpoint) string { return w.ID },
		}
	})
}

// deleteAll resolves each argument to what it names, asks once, and
// deletes them one after another.
func (a *app) deleteAll(cmd *cobra.Command, noun string, args []string, resolve func(arg string) (target, error),
	del func(ctx context.Context, c *admin.Client, id string) error) error {
	c, err := a.clientFor(cmd.Context())
	if err != nil {
		return err
	}
	var targets []target
	for _, arg := range args {
		t, err := resolve(arg)
		if err != nil {
			return err
		}
		targets = append(targets, t)
	}
	return a.applyAll(cmd, change{noun: noun, verb: "delete", done: "deleted", ask: true}, targets, func(ctx context.Context, id string) error {
		return del(ctx, c, id)
	})
}

// matching keeps the items that match.
func matching[T any](items []T, match func(T) bool) []T {
	var out []T
	for _, it := range items {
		if match(it) {
			out = append(out, it)
		}
	}
	return out
}

// webhookLabel names an endpoint for prompts and notes.
func webhookLabel(w admin.WebhookEndpoint) string {
	if w.Name == "" {
		return w.ID
	}
	return w.Name + " (" + w.ID + ")"
}

// printSecret writes an endpoint's new signing secret to stdout, and to
// nowhere else: a line a script can read, or the JSON the API sent.
func (a *app) printSecret(cmd *cobra.Command, label string, secret admin.WebhookSecret, raw json.RawMessage) error {
	format, err := a.format(cmd)
	if err != nil {
		return err
	}
	fmt.Fprint(a.env.Stderr, output.Safef("the signing secret of %s follows on stdout; it is shown only this once: store it where your receiver reads it (for example $%s)\n", label, webhookSecretEnv))
	if format == output.Table {
		fmt.Fprintln(a.env.Stdout, secret.Reveal())
		return nil
	}
	return output.WriteIndented(a.env.Stdout, raw)
}

func (a *app) webhooksCommand() *cobra.Command {
	wh := &cobra.Command{
		Use:     "webhooks",
		Aliases: []string{"webhook"},
		Short:   "Webhook endpoints: where Anthropic posts signed events, and checking a delivery",
		Long: `webhooks manages the organization's webhook endpoints: HTTPS URLs that receive
signed events (external key and storage failures and recoveries, user profile
enforcement). An endpoint is named by its ID or its name. Its signing secret
is shown once, when it is made or rotated, on stdout only; 'webhooks verify'
checks a saved delivery with it.`,
	}

	list := &cobra.Command{
		Use:     "list",
		Short:   "List the webhook endpoints, newest first",
		Example: "  anthropic-admin webhooks list\n  anthropic-admin webhooks list -o json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			items, err := collect(a, ctx, c.Webhooks.List(admin.WebhookListParams{Cursor: admin.Cursor{Limit: 100}}), "webhook endpoints")
			if err != nil {
				return err
			}
			return printList(a, cmd, items, webhookRaw, a.webhookColumns())
		},
	}

	get := &cobra.Command{
		Use:     "get WEBHOOK",
		Short:   "Show a webhook endpoint (never its secret)",
		Example: "  anthropic-admin webhooks get key-alerts",
		Args:    exactArgs("WEBHOOK"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, w, err := a.webhookArg(cmd, args[0])
			if err != nil {
				return err
			}
			return printOne(a, cmd, w, webhookRaw, a.webhookColumns())
		},
	}

	var url, name, description string
	var events []string
	create := &cobra.Command{
		Use:   "create --url URL --event TYPE... [--name NAME] [--description TEXT]",
		Short: "Register a webhook endpoint; its signing secret is printed once, on stdout",
		Long: `create registers an endpoint for the event types given with --event and prints
its signing secret on stdout, once: the API never shows it again. Messages go
to stderr, so 'anthropic-admin webhooks create ... > secret.txt' keeps the
secret and nothing else. With -o json, stdout has the API's answer, secret
included.`,
		Example: "  anthropic-admin webhooks create --url https://hooks.acme-robotics.example/anthropic --event external_key.failed --event external_key.recovered --name key-pager",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if url == "" || len(events) == 0 {
				return usageErr(cmd, "give --url and at least one --event (%s)", webhookEvents.known())
			}
			types, err := webhookEvents.parseAll(cmd, "event", events)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := a.clientFor(ctx)
			if err != nil {
				return err
			}
			w, err := c.Webhooks.Create(ctx, admin.WebhookCreateParams{URL: url, Name: name, Description: description, EnabledEvents: wire[admin.WebhookEventType](types)})
			if err != nil {
				return err
			}
			if a.flags.dryRun {
				return nil
			}
			label := webhookLabel(w.WebhookEndpoint)
			fmt.Fprint(a.env.Stderr, output.Safef("created webhook endpoint %s for %s\n", label, strings.Join(types, ", ")))
			return a.printSecret(cmd, label, w.SigningSecret, w.RawJSON())
		},
	}
	create.Flags().StringVar(&url, "url", "", "the HTTPS URL deliveries go to")
	create.Flags().StringSliceVar(&events, "event", nil, "an event type to deliver: "+webhookEvents.known()+" (repeatable)")
	create.Flags().StringVar(&name, "name", "", "a short label")
	create.Flags().StringVar(&description, "description", "", "notes about the endpoint")

	var upURL, upName, upDescription string
	var upEvents []string
	var enable, disable bool
	update := &cobra.Command{
		Use:   "update WEBHOOK [--name NAME] [--description TEXT] [--url URL] [--event TYPE...] [--enable | --disable]",
		Short: "Change a webhook endpoint; --event replaces the event types",
		Example: "  anthropic-admin webhooks update key-alerts --description 'Pages the security rotation'\n" +
			"  anthropic-admin webhooks update storage-alerts --enable",
		Args: exactArgs("WEBHOOK"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var p admin.WebhookUpdateParams
			if cmd.Flags().Changed("name") {
				p.Name = admin.Set(upName)
			}
			if cmd.Flags().Changed("description") {
				p.Description = admin.Set(upDescription)
			}
			if cmd.Flags().Changed("url") {
				p.URL = admin.Set(upURL)
			}
			if len(upEvents) > 0 {
				types, err := webhookEvents.parseAll(cmd, "event", upEvents)
				if err != nil {
					return err
				}
				p.EnabledEvents = admin.Set(wire[admin.WebhookEventType](types))
			}
			switch {
			case enable && disable:
				return usageErr(cmd, "give --enable or --disable, not both")
			case enable:
				p.State = admin.Set(admin.WebhookEnabled)
			case disable:
				p.State = admin.Set(admin.WebhookDisabled)
			}
			if p.Name.IsZero() && p.Description.IsZero() && p.URL.IsZero() && p.EnabledEvents.IsZero() && p.State.IsZero() {
				return usageErr(cmd, "nothing to change: give --name, --description, --url, --event, --enable or --disable")
			}
			c, w, err := a.webhookArg(cmd, args[0])
			if err != nil {
				return err
			}
			got, err := c.Webhooks.Update(cmd.Context(), w.ID, p)
			if err != nil || a.flags.dryRun {
				return err
			}
			fmt.Fprint(a.env.Stderr, output.Safef("updated webhook endpoint %s\n", webhookLabel(*got)))
			return printOne(a, cmd, *got, webhookRaw, a.webhookColumns())
		},
	}
	for _, f := range []struct {
		v          *string
		name, help string
	}{{&upName, "name", "a new label"}, {&upDescription, "description", "new notes"}, {&upURL, "url", "a new HTTPS URL"}} {
		update.Flags().StringVar(f.v, f.name, "", f.help)
	}
	update.Flags().StringSliceVar(&upEvents, "event", nil, "the event types to deliver, replacing the current ones: "+webhookEvents.known()+" (repeatable)")
	update.Flags().BoolVar(&enable, "enable", false, "start deliveries again")
	update.Flags().BoolVar(&disable, "disable", false, "stop deliveries")

	del := &cobra.Command{
		Use:     "delete WEBHOOK...",
		Short:   "Delete webhook endpoints (asks first)",
		Example: "  anthropic-admin webhooks delete storage-alerts",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.deleteAll(cmd, "webhook endpoint", args, func(arg string) (target, error) {
				_, w, err := a.webhookArg(cmd, arg)
				return target{id: w.ID, label: webhookLabel(w)}, err
			}, func(ctx context.Context, c *admin.Client, id string) error {
				_, err := c.Webhooks.Delete(ctx, id)
				return err
			})
		},
	}

	rotate := &cobra.Command{
		Use:   "rotate-secret WEBHOOK",
		Short: "Replace an endpoint's signing secret; the new one is printed once, on stdout (asks first)",
		Long: `rotate-secret replaces the endpoint's signing secret and prints the new one on
stdout, once. Deliveries may carry a signature by each secret for a while:
verify with both ('webhooks verify' takes several --secret-file) until every
receiver has the new one.`,
		Example: "  anthropic-admin webhooks rotate-secret key-alerts > new-secret.txt",
		Args:    exactArgs("WEBHOOK"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, w, err := a.webhookArg(cmd, args[0])
			if err != nil {
				return err
			}
			label := webhookLabel(w)
			if err := a.confirm(cmd, "replace the signing secret of webhook endpoint "+label+": receivers that check the old one start refusing deliveries"); err != nil {
				return err
			}
			s, err := c.Webhooks.RegenerateSigningSecret(cmd.Context(), w.ID)
			if err != nil || a.flags.dryRun {
				return err
			}
			return a.printSecret(cmd, label, s.SigningSecret, s.RawJSON())
		},
	}

	var v verifyFlags
	verify := &cobra.Command{
		Use:   "verify (--body TEXT | --body-file FILE) (--headers-file FILE | --id ID --timestamp UNIX --signature SIGS)",
		Short: "Check a saved webhook delivery's signature and show its event",
		Long: `verify checks a delivery the way a receiver must: the Standard Webhooks
signature (webhook-signature: "v1,<base64 HMAC-SHA256>", several separated by
spaces during a secret rotation) over webhook-id, webhook-timestamp and the
body exactly as received, compared in constant time, and a timestamp within 5
minutes of now (--ignore-timestamp for an old, saved delivery). The secret is
read from $` + webhookSecretEnv + ` or from each --secret-file (one whsec_... per
file), never from the command line. The headers come from a file of
"Name: value" lines (as saved from a request), or from --id, --timestamp and
--signature. On success the event is printed; a delivery that fails the check
exits 1 and says why.`,
		Example: "  " + webhookSecretEnv + "=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw anthropic-admin webhooks verify --id msg_p5jXN8AQM9LWM0D4loKWxJek --timestamp 1614265330 --signature v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= --body '{\"test\": 2432232314}' --ignore-timestamp",
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.verifyWebhook(cmd, &v) },
	}
	v.register(verify)

	wh.AddCommand(lists(list), get, create, update, del, rotate, verify)
	return wh
}

type verifyFlags struct {
	body, bodyFile, headersFile, id, timestamp, signature string
	secretFiles                                           []string
	ignoreTimestamp                                       bool
}

func (v *verifyFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&v.body, "body", "", "the body as received")
	f.StringVar(&v.bodyFile, "body-file", "", "a file holding the body exactly as received (- for stdin)")
	f.StringVar(&v.headersFile, "headers-file", "", `a file of the delivery's headers, one "Name: value" per line`)
	f.StringVar(&v.id, "id", "", "the webhook-id header")
	f.StringVar(&v.timestamp, "timestamp", "", "the webhook-timestamp header (Unix seconds)")
	f.StringVar(&v.signature, "signature", "", "the webhook-signature header")
	f.StringSliceVar(&v.secretFiles, "secret-file", nil, "a file holding a signing secret (repeatable, for a rotation; default $"+webhookSecretEnv+")")
	f.BoolVar(&v.ignoreTimestamp, "ignore-timestamp", false, "accept a delivery sent any time (a saved one), checking the signature only")
}

func (a *app) verifyWebhook(cmd *cobra.Command, v *verifyFlags) error {
	if (v.body == "") == (v.bodyFile == "") {
		return usageErr(cmd, "give the body with --body or --body-file")
	}
	if (v.headersFile == "") == (v.id == "" && v.timestamp == "" && v.signature == "") {
		return usageErr(cmd, "give the headers with --headers-file, or with --id, --timestamp and --signature")
	}
	body := []byte(v.body)
	var err error
	if v.bodyFile != "" {
		if body, err = a.readInput(v.bodyFile); err != nil {
			return usageErr(cmd, "%v", err)
		}
	}
	header := http.Header{}
	if v.headersFile != "" {
		raw, err := a.readInput(v.headersFile)
		if err != nil {
			return usageErr(cmd, "%v", err)
		}
		r := textproto.NewReader(bufio.NewReader(io.MultiReader(bytes.NewReader(bytes.TrimSpace(raw)), strings.NewReader("\r\n\r\n"))))
		mh, err := r.ReadMIMEHeader()
		if err != nil {
			return usageErr(cmd, "--headers-file %s: not \"Name: value\" lines: %v", v.headersFile, err)
		}
		header = http.Header(mh)
	} else {
		header.Set(admin.WebhookIDHeader, v.id)
		header.Set(admin.WebhookTimestampHeader, v.timestamp)
		header.Set(admin.WebhookSignatureHeader, v.signature)
	}
	var secrets []string
	for _, f := range v.secretFiles {
		b, err := a.readInput(f)
		if err != nil {
			return usageErr(cmd, "%v", err)
		}
		secrets = append(secrets, strings.TrimSpace(string(b)))
	}
	if len(secrets) == 0 {
		if s := a.env.getenv(webhookSecretEnv); s != "" {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) == 0 {
		return usageErr(cmd, "no signing secret: set $%s or give --secret-file", webhookSecretEnv)
	}
	verifier, err := admin.NewWebhookVerifier(secrets[0], secrets[1:]...)
	if err != nil {
		return inputErr(cmd, err)
	}
	if a.env.Now != nil {
		verifier.Now = a.env.Now
	}
	if v.ignoreTimestamp {
		verifier.Tolerance = -1
	}
	ev, err := verifier.Verify(header, body)
	if errors.Is(err, admin.ErrWebhookVerification) {
		return &exitError{code: ExitError, err: errors.New(strings.TrimPrefix(err.Error(), "admin: "))}
	}
	if err != nil {
		return err
	}
	fmt.Fprint(a.env.Stderr, output.Safef("verified: delivery %s is signed with the endpoint's secret\n", ev.ID))
	return printOne(a, cmd, *ev, func(e admin.WebhookEvent) json.RawMessage { return e.RawJSON() }, a.eventColumns())
}

func (a *app) eventColumns() []output.Column[admin.WebhookEvent] {
	type e = admin.WebhookEvent
	return []output.Column[e]{
		{Header: "id", Fit: output.FitID, Text: func(ev e) string { return ev.ID }},
		{Header: "type", Fit: output.FitKeep, Text: func(ev e) string { return orDash(string(ev.Type)) }, Value: func(ev e) string { return string(ev.Type) }},
		{Header: "happened", Field: "timestamp", Fit: output.FitKeep, Text: func(ev e) string { return a.when(ev.Timestamp) }, Value: func(ev e) string { return rfc3339(ev.Timestamp) }},
		{Header: "sent", Field: "sent_at", Fit: output.FitKeep, Text: func(ev e) string { return rfc3339(ev.SentAt) }},
		{Header: "data", Text: func(ev e) string { return orDash(string(ev.Data)) }, Value: func(ev e) string { return string(ev.Data) }},
	}
}

// readInput reads a file, or stdin for "-".
func (a *app) readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(a.env.Stdin)
	}
	return os.ReadFile(name)
}
