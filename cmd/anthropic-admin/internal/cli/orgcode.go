package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/orgcode"
)

// Organization as code: export, plan, apply and schema, thin over package
// orgcode, which does the work.

func (a *app) exportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Write the organization as a file (YAML) that plan and apply read",
		Long: `export writes the organization as it is: members and their roles, workspaces
with their members, rate limits and data residency, API keys (name and
status), spend limits, RBAC groups with their members, service accounts with
their workspace roles, federation rules and pending invites. A section the
organization or credential does not give is left out with a note on stderr
(RBAC groups come with Claude Enterprise; service accounts and federation
rules need an OAuth token: --auth-token or ANTHROPIC_AUTH_TOKEN). Things are
named by names and emails; an ID is written only where two objects share a
name. Edit the file,
then see the difference with plan and make it with apply. -o json writes the
same in JSON.`,
		Example: "  anthropic-admin export > org.yaml",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.onlyFormats(cmd, output.YAML, output.JSON); err != nil {
				return err
			}
			_, st, err := a.readOrg(cmd.Context())
			if err != nil {
				return err
			}
			for _, note := range st.LeftOut() {
				fmt.Fprintln(a.env.Stderr, note)
			}
			f := orgcode.Export(st)
			if a.flags.output == output.JSON {
				return a.writeIndentedJSON(f)
			}
			b, err := orgcode.Marshal(f)
			if err != nil {
				return err
			}
			_, err = a.env.Stdout.Write(b)
			return err
		},
	}
}

// readSource reads and parses the file named by -f ("-" for stdin).
func (a *app) readSource(cmd *cobra.Command, name string) (*orgcode.Source, error) {
	if name == "" {
		return nil, usageErr(cmd, "give the file with -f (anthropic-admin export > org.yaml writes one)")
	}
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(a.env.Stdin)
		name = "stdin"
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, usageErr(cmd, "%v", err)
	}
	src, err := orgcode.Parse(name, data)
	if err != nil {
		return nil, refused(err)
	}
	return src, nil
}

// refused is a file's refusals: every one on its own line, exit 1.
func refused(err error) error {
	var rs orgcode.Refusals
	if errors.As(err, &rs) {
		return &exitError{code: ExitError, label: "refused", err: fmt.Errorf("the file asks what the API cannot do; nothing was sent:\n%s", rs.Error())}
	}
	return err
}

// readOrg reads the organization, with the OAuth token for service
// accounts and federation where one is given.
func (a *app) readOrg(ctx context.Context) (*admin.Client, *orgcode.State, error) {
	c, oauth, err := a.oauthClient(ctx)
	if err != nil {
		return nil, nil, err
	}
	st, err := orgcode.Read(ctx, c, oauth...)
	return c, st, err
}

// makePlan reads the organization and plans src against it.
func (a *app) makePlan(ctx context.Context, src *orgcode.Source) (*admin.Client, *orgcode.Plan, error) {
	c, st, err := a.readOrg(ctx)
	if err != nil {
		return nil, nil, err
	}
	p, err := orgcode.MakePlan(src, st)
	if err != nil {
		return nil, nil, refused(err)
	}
	return c, p, nil
}

// writePlan prints a plan for a person, or as JSON (the saved plan apply
// --plan takes) when -o json is given.
func (a *app) writePlan(p *orgcode.Plan) error {
	if a.flags.output == output.JSON {
		return a.writeIndentedJSON(p)
	}
	return p.WriteText(a.env.Stdout, a.color())
}

func (a *app) planCommand() *cobra.Command {
	var file string
	var detailed bool
	cmd := &cobra.Command{
		Use:   "plan -f FILE",
		Short: "Show what apply would change to make the organization what a file says",
		Long: `plan compares the file with the organization and prints the changes apply
would make, in the order it would make them: + create, ~ update (old → new
for each field), - remove or archive (archives, which cannot be undone, in
red). Nothing the file does not mention is removed unless its section says
prune: true. What the API cannot do (assign admin, bring back an archived
workspace, create an API key, a workspace rate limit above the
organization's, an unknown role or geo) is refused with the file, line and
column. -o json writes the plan for machines and for apply --plan.
--detailed-exitcode exits 0 with no changes, 2 with changes, 1 on error.`,
		Example: `  anthropic-admin plan -f org.yaml
  anthropic-admin plan -f org.yaml --detailed-exitcode   # exits 2 when there are changes
  anthropic-admin plan -f org.yaml -o json > plan.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.onlyFormats(cmd, output.Table, output.JSON); err != nil {
				return err
			}
			src, err := a.readSource(cmd, file)
			if err != nil {
				return err
			}
			_, p, err := a.makePlan(cmd.Context(), src)
			if err != nil {
				return err
			}
			if err := a.writePlan(p); err != nil {
				return err
			}
			if detailed && len(p.Changes) > 0 {
				return &exitError{code: ExitUsage, label: "changes", err: errors.New("the organization differs from the file (--detailed-exitcode)")}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "the organization file (- for stdin)")
	cmd.Flags().BoolVar(&detailed, "detailed-exitcode", false, "exit 0 with no changes, 2 with changes, 1 on error")
	return cmd
}

func (a *app) applyCommand() *cobra.Command {
	var file, saved string
	var parallel int
	var allowArchive bool
	cmd := &cobra.Command{
		Use:   "apply -f FILE | --plan PLAN.json",
		Short: "Make the organization what a file says, change by change",
		Long: `apply plans the file (as plan does), shows the plan, asks (unless --yes) and
makes the changes: workspaces before their members, removals after
additions, archives after removals, invites last, printing each as it lands.
Archiving (a workspace or an API key) cannot be undone and needs
--allow-archive as well. --plan applies a plan saved with plan -o json, only
if the organization has not changed since it was made. --parallel N makes up
to N independent changes at once; when the API asks for a pause, all wait.
If apply stops midway, run it again: it plans from what is there now and
finishes without doing anything twice.`,
		Example: `  anthropic-admin apply -f org.yaml
  anthropic-admin apply --plan plan.json --yes
  anthropic-admin apply -f org.yaml --parallel 4 --yes`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (file == "") == (saved == "") {
				return usageErr(cmd, "give a file with -f, or a saved plan with --plan")
			}
			if parallel < 1 {
				return usageErr(cmd, "--parallel %d: give 1 or more", parallel)
			}
			ctx := cmd.Context()
			var c *admin.Client
			var p *orgcode.Plan
			var err error
			if saved != "" {
				c, p, err = a.savedPlan(cmd, saved)
			} else {
				var src *orgcode.Source
				if src, err = a.readSource(cmd, file); err == nil {
					c, p, err = a.makePlan(ctx, src)
				}
			}
			if err != nil {
				return err
			}
			if err := p.WriteText(a.env.Stdout, a.color()); err != nil {
				return err
			}
			if len(p.Changes) == 0 {
				return nil
			}
			if p.Archives() && !allowArchive {
				return usageErr(cmd, "the plan archives %d thing(s), which cannot be undone: add --allow-archive to go ahead", p.Summary.Archive)
			}
			if a.flags.dryRun {
				fmt.Fprintln(a.env.Stdout, "dry run: nothing was sent")
				return nil
			}
			if err := a.confirm(cmd, fmt.Sprintf("make these %d change(s) to %s", len(p.Changes), p.Organization)); err != nil {
				return err
			}
			out := a.env.Stdout
			_, oauth, err := a.oauthClient(ctx)
			if err != nil {
				return err
			}
			applier := &orgcode.Applier{Client: c, OAuth: oauth, Parallel: parallel, Sleep: a.env.RetrySleep, Now: a.now,
				Done: func(ch orgcode.Change, err error) {
					if err == nil {
						fmt.Fprint(out, output.Safef("done    %s\n", ch.Line()))
					} else {
						fmt.Fprint(out, output.Safef("failed  %s\n", ch.Line()))
					}
				}}
			n, err := applier.Apply(ctx, p)
			if err != nil {
				fmt.Fprintf(out, "\n%d of %d change(s) made. Run apply again to finish: it plans from what is there now.\n", n, len(p.Changes))
				var ae *orgcode.ApplyError
				if errors.As(err, &ae) {
					return ae.Err
				}
				return err
			}
			fmt.Fprintf(out, "\nApplied: %d change(s).\n", n)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&file, "file", "f", "", "the organization file (- for stdin)")
	f.StringVar(&saved, "plan", "", "apply this saved plan (plan -o json) instead of planning a file")
	f.IntVar(&parallel, "parallel", 1, "make up to this many independent changes at once")
	f.BoolVar(&allowArchive, "allow-archive", false, "allow archiving workspaces, API keys, service accounts and federation rules (irreversible)")
	return cmd
}

// savedPlan reads a saved plan and checks it was made from the
// organization as it is now.
func (a *app) savedPlan(cmd *cobra.Command, name string) (*admin.Client, *orgcode.Plan, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, usageErr(cmd, "%v", err)
	}
	p, err := orgcode.ReadPlan(data)
	if err != nil {
		return nil, nil, usageErr(cmd, "%s: %v", name, err)
	}
	c, st, err := a.readOrg(cmd.Context())
	if err != nil {
		return nil, nil, err
	}
	if err := p.Check(st); err != nil {
		return nil, nil, &exitError{code: ExitConflict, err: err, hint: "make a new plan: anthropic-admin plan -f FILE -o json > " + name}
	}
	return c, p, nil
}

func (a *app) schemaCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the organization file, for editors",
		Long: `schema prints a JSON Schema (draft 2020-12) of the file export writes and plan
and apply read. Point an editor's YAML support at it to complete and check
the file as you type.`,
		Example: "  anthropic-admin schema > org.schema.json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.writeIndentedJSON(orgcode.Schema())
		},
	}
}

// writeIndentedJSON writes v as indented JSON, inert on a terminal.
func (a *app) writeIndentedJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return output.WriteIndented(a.env.Stdout, b)
}

// onlyFormats refuses an -o the command does not write.
func (a *app) onlyFormats(cmd *cobra.Command, formats ...string) error {
	if f := strings.ToLower(a.flags.output); f != "" && !slices.Contains(formats, f) {
		return usageErr(cmd, "-o %s: %s writes %s", a.flags.output, cmd.Name(), strings.Join(formats, " or "))
	}
	return nil
}
