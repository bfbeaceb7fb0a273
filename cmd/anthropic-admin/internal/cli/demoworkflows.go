package cli

import (
	"bytes"
	"context"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/audit"
	"github.com/anthropic-admin-go/admin/offboard"
	"github.com/anthropic-admin-go/admin/workflow"
)

// The demo's workflow sections: an audit summary and an offboarding plan,
// shown and not applied.

const (
	demoLeaver  = "jonas.becker@acme-robotics.example"
	demoInvitee = "contractor@partner.example"
	demoDomain  = "acme-robotics.example"
)

func (a *app) demoWorkflows(ctx context.Context, c *admin.Client, d demoWriter) error {
	rep, err := audit.Run(ctx, c, audit.Options{Now: a.now, AllowedDomains: []string{demoDomain}})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	rep.WriteSummary(&b)
	head, rules, _ := strings.Cut(b.String(), "\n")
	d.heading("Audit: " + head)
	demoLines(d, rules)
	d.line("$ anthropic-admin audit --allowed-domains %s   (--fix archives expired keys and deletes expired invites)", demoDomain)

	_, oauth, err := a.oauthClient(ctx)
	if err != nil {
		return err
	}
	plan, err := offboard.Plan(ctx, c, []string{demoLeaver, demoInvitee}, offboard.Options{SinceUsage: 7 * 24 * time.Hour, Now: a.now, OAuth: oauth})
	if err != nil {
		return err
	}
	d.heading("Offboarding plan for " + demoLeaver + " and " + demoInvitee + " (shown, not applied)")
	b.Reset()
	demoPlan(plan).WriteTable(&b)
	demoLines(d, b.String())
	d.line("$ anthropic-admin offboard %s %s   (shows this plan, asks, then does it)", demoLeaver, demoInvitee)
	return nil
}

// demoPlan is the plan without its title, which the heading says.
func demoPlan(p workflow.Plan) workflow.Plan {
	p.Title = ""
	return p
}

func demoLines(d demoWriter, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		d.line("%s", strings.TrimPrefix(l, "  "))
	}
}
