package admintest

import (
	"fmt"
	"strings"
)

// Demo is a believable mid-sized organization: about 25 members, six
// workspaces (one archived), 43 API keys across every status, pending,
// accepted and expired invites, service accounts with federation issuers
// and rules, and 90 days of usage, cost and Claude Code
// data with a weekly rhythm and a few spikes, all dated from SeedEpoch.
func Demo() Seed {
	return Seed{name: "demo", build: buildDemo}
}

func buildDemo(b *builder) {
	b.st.org.Name = "Acme Robotics"
	admin := b.st.users[0]
	admin.Email, admin.Name = "morgan.lee@acme-robotics.example", "Morgan Lee"

	people := []struct {
		name, role string
		days       int
	}{
		{"Priya Raman", "admin", 380}, {"Jonas Becker", "developer", 350}, {"Aiko Tanaka", "developer", 340},
		{"Samuel Okafor", "developer", 300}, {"Lucía Fernández", "developer", 280}, {"Noah Williams", "billing", 270},
		{"Fatima Zahra", "developer", 240}, {"Ethan Brooks", "user", 220}, {"Mei Chen", "developer", 200},
		{"Oliver Smith", "claude_code_user", 180}, {"Amara Nwosu", "developer", 170}, {"Lars Johansson", "user", 160},
		{"Sofia Rossi", "developer", 150}, {"Daniel Kim", "claude_code_user", 140}, {"Chloé Martin", "developer", 120},
		{"Ravi Patel", "developer", 110}, {"Hannah Schmidt", "billing", 100}, {"Mateo García", "claude_code_user", 90},
		{"Grace Liu", "developer", 75}, {"Tomás Silva", "user", 60}, {"Zoe Anderson", "claude_code_user", 45},
		{"Yusuf Demir", "developer", 30}, {"Ingrid Olsen", "developer", 14}, {"Kwame Mensah", "user", 3},
	}
	users := []*user{admin}
	for _, p := range people {
		users = append(users, b.user(emailOf(p.name), p.name, p.role, p.days))
	}

	def := b.st.workspaces[0]
	prod := b.workspace("Production", "#D97757", 360)
	prod.Tags = map[string]string{"env": "prod", "cost-center": "platform"}
	staging := b.workspace("Staging", "#C4A24A", 350)
	staging.Tags = map[string]string{"env": "staging"}
	research := b.workspace("Research", "#4A9B7F", 300)
	research.DataResidency = dataResidency{WorkspaceGeo: "us", AllowedInferenceGeos: []string{"us"}, DefaultInferenceGeo: "us"}
	support := b.workspace("Support Assistant", "#5B8DB9", 200)
	support.Tags = map[string]string{"team": "support"}
	hack := b.workspace("Hackathon 2026", "#B95B8D", 130)
	hack.ArchivedAt = stampOf(b.ago(100))

	roles := []string{"workspace_developer", "workspace_developer", "workspace_user", "workspace_restricted_developer"}
	for i, u := range users[1:] {
		switch {
		case u.Role == "claude_code_user" || u.Role == "billing":
			b.member(def, u, "workspace_user")
		case i%3 == 0:
			b.member(prod, u, roles[i%len(roles)])
			b.member(staging, u, "workspace_developer")
		case i%3 == 1:
			b.member(research, u, roles[i%len(roles)])
		default:
			b.member(support, u, roles[i%len(roles)])
			b.member(staging, u, "workspace_user")
		}
	}
	b.member(prod, users[1], "workspace_admin")
	b.member(research, users[3], "workspace_admin")
	b.member(hack, users[5], "workspace_developer")

	// 40 keys: most active, some switched off, some retired with the
	// archived workspace, a few past their expiry date.
	type keySpec struct {
		ws     *workspace
		names  []string
		status string
	}
	specs := []keySpec{
		{prod, []string{"prod-api-gateway", "prod-batch-worker", "prod-search-indexer", "prod-chat-backend", "prod-summarizer", "prod-eval-runner", "prod-webhooks", "prod-doc-extractor"}, "active"},
		{staging, []string{"staging-api-gateway", "staging-batch-worker", "staging-chat-backend", "staging-load-test", "staging-ci"}, "active"},
		{research, []string{"research-notebooks", "research-evals", "research-agents", "research-finetune-data", "research-redteam"}, "active"},
		{support, []string{"support-triage", "support-reply-drafts", "support-kb-sync", "support-voice"}, "active"},
		{def, []string{"laptop-jonas", "laptop-aiko", "laptop-mei", "cli-sofia", "cli-ravi", "claude-code-oliver", "claude-code-daniel"}, "active"},
		{prod, []string{"prod-legacy-gateway", "prod-old-summarizer"}, "inactive"},
		{staging, []string{"staging-tmp-debug"}, "inactive"},
		{research, []string{"research-intern-2025", "research-shared-old"}, "inactive"},
		{hack, []string{"hackathon-team-1", "hackathon-team-2", "hackathon-team-3"}, "archived"},
		{def, []string{"laptop-old-priya"}, "archived"},
		{staging, []string{"staging-contractor"}, "expired"},
		{research, []string{"research-vendor-trial"}, "expired"},
	}
	n := 0
	for _, s := range specs {
		for _, name := range s.names {
			creator := users[1+n%(len(users)-1)]
			k := b.key(name, s.ws, creator, s.status, 5+(n*37)%300)
			switch s.status {
			case "expired":
				k.ExpiresAt = stampOf(b.ago(10 + n))
			case "active":
				if n%4 == 0 {
					k.ExpiresAt = stampOf(b.ago(-(30 + n*5))) // expires in the future
				}
			}
			n++
		}
	}
	if n != 40 {
		panic(fmt.Sprintf("admintest: demo seed has %d keys, want 40", n))
	}

	b.invite("new.hire@acme-robotics.example", "developer", "pending", 2)
	b.invite("contractor@partner.example", "user", "pending", 6)
	b.invite("finance.analyst@acme-robotics.example", "billing", "pending", 1)
	b.invite("old.candidate@acme-robotics.example", "developer", "pending", 40) // expired by now
	b.invite("intern@acme-robotics.example", "claude_code_user", "pending", 25) // expired by now
	b.invite(emailOf("Kwame Mensah"), "user", "accepted", 4)

	b.demoTraffic()
	b.demoSpendLimits() // last: its IDs come after every other
	b.demoPlugins()     // with their own ID sequence, as are Claude Tag's
	b.demoClaudeTag()
	// Webhooks, telemetry and managed settings take their IDs from a
	// generator of their own, so they move no other object's ID.
	hooks := &ids{seed: b.st.ids.seed + "/hooks"}
	b.demoWebhooks(hooks)
	b.demoTelemetry(hooks)
	b.demoAccess()   // IDs of its own sequence
	b.demoSettings() // for two of the groups demoAccess makes
	b.demoWorkloadIdentity()
	b.demoAuditCases() // last: its IDs come after every other
}

// demoAuditCases plants what an audit should find and the rest of the demo
// does not already show: a key nobody has used and a key whose creator has
// left, both still active in the default workspace, and a key left
// unarchived in the archived workspace. They are made after the traffic,
// so they have no usage, and after every other object, so no earlier ID
// changes.
func (b *builder) demoAuditCases() {
	ws := func(name string) *workspace {
		return find(b.st.workspaces, func(w *workspace) bool { return w.Name == name })
	}
	users := b.st.users
	b.key("notebook-sandbox", ws("Default"), users[len(users)/2], "active", 120)
	// Alex Morgan left 50 days ago; the key they made stayed on.
	gone := &user{ID: b.st.ids.next("user_"), Type: "user", Email: "alex.morgan@acme-robotics.example", Name: "Alex Morgan", Role: "developer", AddedAt: stamp(b.ago(320))}
	if b.st.former == nil {
		b.st.former = map[string]*user{}
	}
	b.st.former[gone.ID] = gone
	b.key("alex-eval-scripts", ws("Default"), gone, "active", 200)
	b.key("hackathon-judges", ws("Hackathon 2026"), users[1], "inactive", 131)
}

func emailOf(name string) string {
	var out []rune
	for _, r := range name {
		switch r {
		case ' ':
			out = append(out, '.')
		case 'í':
			out = append(out, 'i')
		case 'é':
			out = append(out, 'e')
		case 'á':
			out = append(out, 'a')
		case 'ç':
			out = append(out, 'c')
		default:
			out = append(out, r)
		}
	}
	return fmt.Sprintf("%s@acme-robotics.example", strings.ToLower(string(out)))
}
