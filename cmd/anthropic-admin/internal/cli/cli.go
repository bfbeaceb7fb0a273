// Package cli is the anthropic-admin command line: cobra commands over the
// admin library, and the safety rails (confirmation, --dry-run) around
// destructive actions. What it prints goes through package output, and the
// reports' charts, HTML page and figures are package render's.
//
// Where to find what:
//
//   - The root command and the Env a run takes from its surroundings:
//     cli.go; the client factory (flags, environment or --fake): client.go,
//     with credentials.go and fake.go; exit codes and how an error is
//     explained: exit.go; terminals: tty.go.
//   - Confirmation and --dry-run: confirm.go. Name → ID resolution and
//     acting on several targets: resolve.go, with the names shown for IDs
//     in names.go.
//   - Output: output.go ties the commands to package output (the app's one
//     Printer, -o, the text of times).
//   - One file per noun: users.go, invites.go, workspaces.go,
//     workspacemembers.go, apikeys.go, ratelimits.go, spendlimits.go,
//     serviceaccounts.go (with the OAuth token those endpoints need, and
//     names of accounts, issuers and rules), federation.go, org.go (org, whoami),
//     api.go (raw requests), orgcode.go (export, plan, apply, schema: thin
//     over package orgcode, the organization-as-code engine), cost.go, usage.go, claudecode.go, budget.go;
//     what the reports share (range flags, data rows): reports.go; -o focus:
//     focus.go; who spent it (the --by values only the analytics API has,
//     --top, analytics FOCUS and the HTML who section): who.go, and several
//     cost --by at once: costmulti.go; demo.go and fakeserver.go;
//     exporter.go, the Prometheus exporter's flags (its work is package
//     cmd/anthropic-admin/exporter).
//   - Webhook endpoints (and verifying a delivery): webhooks.go, with the
//     delete path the nouns below share (lookup.go has the lookup by ID
//     or name);
//     telemetry destinations: telemetry.go; Claude Code managed settings
//     (the claude-code noun): claudecodesettings.go.
//   - Access controls: rbac.go (groups, their members, roles),
//     externalkeys.go, compliance.go.
//   - The workflows (packages workflow, offboard, audit, access): offboard.go,
//     audit.go, access.go, apikeysfind.go (api-keys find); showing, asking
//     and applying a plan: plan.go; their demo sections: demoworkflows.go.
//   - Documented enum values: known.go; shell completion: complete.go;
//     unknown subcommands: groups.go.
//
// The shared command utilities (client factory, exit codes, confirmation,
// name resolution) are methods of app, the run, and read its flags and
// Env: they stay in this package, a file per job, rather than in a cmdutil
// package that would have to take the run's state apart to export it.
package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
)

// Version is the CLI's version; it follows the library's.
var Version = admin.Version

// Env is everything the CLI takes from its surroundings, so tests can run
// commands in-process with their own streams, terminal answers and clock.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinTTY, StdoutTTY and StderrTTY tell whether each stream is a
	// terminal: tables and prompts and progress depend on it.
	StdinTTY, StdoutTTY, StderrTTY bool
	Width                          int // terminal width in columns; 0 for unknown
	Getenv                         func(string) string
	Now                            func() time.Time
	// HTTPClient, when set, sends every request (tests use it to count).
	HTTPClient *http.Client
	// RetrySleep, when set, replaces the wait between retries (tests run
	// retries without waiting).
	RetrySleep func(ctx context.Context, d time.Duration) error
}

func (e *Env) getenv(k string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(k)
}

// app is one run of the CLI: its flags, environment and lazily made client.
type app struct {
	env   *Env
	flags struct {
		adminKey, authToken, baseURL string
		adminKeyFile, authTokenFile  string
		fake                         bool
		output                       string
		maxItems                     int
		yes, dryRun                  bool
	}
	// out prints what the commands show: made from env, with the
	// --no-headers and --csv-raw flags.
	out    output.Printer
	client *admin.Client
	bearer bool // the credential is an OAuth token, not an admin key
	fake   *admintest.Server
	names  *names
	// who are the names analytics rows carry beside actor IDs.
	who whoNames
	// wif is the OAuth token and listings of the service account and
	// federation commands, made on first use.
	wif *wif
	// given tells whether a persistent flag was typed; completing, that
	// this run is shell completion.
	given      func(flag string) bool
	completing bool
}

// newApp is a run in env, before its flags are read.
func newApp(env *Env) *app {
	a := &app{env: env, who: whoNames{}}
	a.out = newPrinter(a)
	return a
}

// Run runs the CLI with args (without the program name) and returns the
// exit code.
func Run(ctx context.Context, args []string, env *Env) int {
	a := newApp(env)
	root := a.rootCommand()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if a.fake != nil {
		a.fake.Close()
	}
	return a.report(err)
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "anthropic-admin",
		Short: "Run an Anthropic organization through the Admin API",
		Long: `anthropic-admin manages an Anthropic organization through the Admin API:
members, invites, workspaces and their members, API keys, rate and spend
limits, service accounts and federation, RBAC groups and the organization's
settings; reports who spent what; offboards people, audits the organization
and keeps it as code.

Credentials come from --admin-key or ANTHROPIC_ADMIN_KEY (an admin key from
Console → Settings → Admin keys), or --auth-token / ANTHROPIC_AUTH_TOKEN (an
OAuth token with the org:admin scope). Add --fake to try any command against
a built-in demo organization with no key at all.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("anthropic-admin {{.Version}}\n")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		a.completing = cmd.Name() == cobra.ShellCompRequestCmd
		if a.flags.maxItems < 0 {
			return usageErr(cmd, "--max-items %d: give a positive number, or 0 for all", a.flags.maxItems)
		}
		if cmd.Flags().Changed("max-items") && cmd.Annotations[maxItemsAnnotation] == "" {
			return usageErr(cmd, "--max-items applies to lists; %s is not one (to cut a report short, give it a shorter range)", cmd.CommandPath())
		}
		return nil
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		// A mistyped subcommand followed by its flags: the typo is the news.
		if args := cmd.Flags().Args(); cmd.HasAvailableSubCommands() && len(args) > 0 {
			return unknownCommand(cmd, args[0])
		}
		return usageErr(cmd, "%v", err)
	})
	f := root.PersistentFlags()
	f.StringVar(&a.flags.adminKey, "admin-key", "", "admin API key, or - to read it from stdin (default $ANTHROPIC_ADMIN_KEY)")
	f.StringVar(&a.flags.adminKeyFile, "admin-key-file", "", "read the admin API key from this file (readable by you alone)")
	f.StringVar(&a.flags.authToken, "auth-token", "", "OAuth token with the org:admin scope, or - to read it from stdin (default $ANTHROPIC_AUTH_TOKEN)")
	f.StringVar(&a.flags.authTokenFile, "auth-token-file", "", "read the OAuth token from this file (readable by you alone)")
	f.StringVar(&a.flags.baseURL, "base-url", "", "Admin API base URL (default $ANTHROPIC_ADMIN_BASE_URL, else https://api.anthropic.com; never $ANTHROPIC_BASE_URL)")
	f.BoolVar(&a.flags.fake, "fake", false, "run against a built-in demo organization; changes are discarded at exit (also $ANTHROPIC_ADMIN_FAKE=1)")
	f.StringVarP(&a.flags.output, "output", "o", "", "output format: table, json, jsonl, csv or yaml; cost also takes focus (FinOps FOCUS CSV) (default table on a terminal, json otherwise)")
	f.IntVar(&a.flags.maxItems, "max-items", 0, "stop a list after this many items (0: all); lists and api --paginate only")
	f.BoolVar(&a.out.CSVRaw, "csv-raw", false, "write CSV text cells as the API gave them, even one a spreadsheet would run as a formula")
	f.BoolVar(&a.out.NoHeaders, "no-headers", false, "leave out the header row of tables and CSV")
	f.BoolVarP(&a.flags.yes, "yes", "y", false, "do destructive actions without asking")
	f.BoolVar(&a.flags.dryRun, "dry-run", false, "print the changes that would be sent, and send none")
	a.given = func(name string) bool { return f.Lookup(name).Changed }

	// The commands in groups, as a reader looks for them in --help.
	for _, g := range []struct {
		id, title string
		cmds      []*cobra.Command
	}{
		{"people", "Members, access and keys:", []*cobra.Command{a.whoamiCommand(), a.orgCommand(), a.usersCommand(), a.invitesCommand(),
			a.workspacesCommand(), a.apiKeysCommand(), a.rateLimitsCommand(), a.spendLimitsCommand(),
			a.rbacCommand(), a.serviceAccountsCommand(), a.federationCommand()}},
		{"settings", "Organization settings:", []*cobra.Command{a.externalKeysCommand(), a.complianceCommand(),
			a.webhooksCommand(), a.telemetryCommand(), a.claudeCodeAdminCommand()}},
		{"spend", "Usage and spend:", []*cobra.Command{a.costCommand(), a.usageCommand(), a.budgetCommand(), a.exporterCommand()}},
		{"jobs", "Workflows and organization as code:", []*cobra.Command{a.offboardCommand(), a.auditCommand(), a.accessCommand(),
			a.exportCommand(), a.planCommand(), a.applyCommand(), a.schemaCommand()}},
		{"tools", "Tools:", []*cobra.Command{a.apiCommand(), a.fakeServerCommand(), a.demoCommand(), a.versionCommand()}},
	} {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, c := range g.cmds {
			c.GroupID = g.id
			root.AddCommand(c)
		}
	}
	root.SetHelpCommandGroupID("tools")
	root.SetCompletionCommandGroupID("tools")
	// Streams first: the completion command keeps the writer it sees now.
	root.SetIn(a.env.Stdin)
	root.SetOut(a.env.Stdout)
	root.SetErr(a.env.Stderr)
	strictGroups(root)
	a.registerCompletions(root)
	return root
}

// maxItemsAnnotation marks the commands that honour --max-items; any other
// refuses it, rather than ignore it.
const maxItemsAnnotation = "max-items"

// lists marks a command that lists items one by one, so --max-items
// applies to it.
func lists(cmd *cobra.Command) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[maxItemsAnnotation] = "honoured"
	return cmd
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  anthropic-admin version",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.env.Stdout, "anthropic-admin %s (library %s)\n", Version, admin.Version)
			return nil
		},
	}
}

// noArgs, exactArgs and someArgs give bad-argument errors the usage exit
// code.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(cmd, "unexpected argument %q", args[0])
	}
	return nil
}

func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usageErr(cmd, "expected %s, got %d argument(s)", strings.Join(names, " "), len(args))
		}
		return nil
	}
}

// someArgs wants one argument or more: name is what each is ("USER").
func someArgs(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageErr(cmd, "expected %s..., got no argument", name)
		}
		return nil
	}
}

// OSEnv returns the Env of the real process.
func OSEnv() *Env {
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		StdinTTY: isTerminal(os.Stdin), StdoutTTY: isTerminal(os.Stdout), StderrTTY: isTerminal(os.Stderr),
		Width:  terminalWidth(os.Stdout),
		Getenv: os.Getenv,
		Now:    time.Now,
	}
}
