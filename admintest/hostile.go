package admintest

import "fmt"

// Hostile is the demo organization after its people misbehaved: every
// workspace, member, key, invite and rate-limit group, and the service
// accounts' and rules' free text, carries text meant to attack whoever
// reads it — terminal escape sequences (clear the screen, set the window
// title, erase a line to fake another), bidirectional overrides, and
// spreadsheet formulas. The API stores such names as they are, so a client
// must show them inert; tests of printers run against this seed.
func Hostile() Seed {
	return Seed{name: "hostile", build: func(b *builder) {
		buildDemo(b)
		for i, w := range b.st.workspaces {
			if !w.isDefault { // the default workspace is always "Default"
				w.Name = hostileText(i-1, w.Name)
			}
			for k, v := range w.Tags {
				w.Tags[k] = hostileText(i+1, v)
			}
		}
		for i, u := range b.st.users {
			u.Name = hostileText(i, u.Name)
			if i%4 == 3 {
				u.Email = "\x1b[8m" + u.Email
			}
		}
		for i, k := range b.st.keys {
			k.Name = hostileText(i, k.Name)
		}
		for i, inv := range b.st.invites {
			inv.Email = hostileText(i, inv.Email)
		}
		for i, rl := range b.st.rateLimits {
			if rl.Group.DisplayName != "" {
				rl.Group.DisplayName = hostileText(i, rl.Group.DisplayName)
			}
		}
		// Service account, issuer and rule names are slugs, which the API
		// checks; descriptions and a rule's match are free text.
		for i, a := range b.st.serviceAccounts {
			a.Description = hostileText(i, a.Description)
		}
		for i, r := range b.st.rules {
			r.Description = hostileText(i+1, r.Description)
			if r.Match.SubjectPrefix != nil {
				p := hostileText(i, *r.Match.SubjectPrefix)
				r.Match.SubjectPrefix = &p
			}
		}
	}}
}

// HostileSequences are the attacks Hostile puts into names, for tests to
// look for. Each is at most 16 bytes, so a name with one stays within the
// API's length limits.
var HostileSequences = []string{
	"\x1b[2J\x1b]0;pwned\a", // clear the screen, set the window title
	"\r\x1b[K",              // go back and erase the line: one name posing as another
	"\u202e",                // right-to-left override: reorders what follows
	"=HYPERLINK(\"x\")",     // a formula when opened in a spreadsheet
	"\u009b31m",             // CSI as one C1 character, which some terminals obey
	"+1-1",                  // a formula too
	"\x00\x7f\b",            // NUL, DEL, backspace
}

// hostileText puts the i-th attack into s: formulas at the start, where a
// spreadsheet looks for them, the rest in the middle. The result is cut to
// 40 bytes, the workspace name limit.
func hostileText(i int, s string) string {
	seq := HostileSequences[i%len(HostileSequences)]
	var out string
	switch seq[0] {
	case '=', '+':
		out = seq + s
	default:
		out = fmt.Sprintf("%.4s%s%s", s, seq, s[min(4, len(s)):])
	}
	if len(out) > 40 {
		out = out[:40]
	}
	return out
}
