package orgcode

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/anthropic-admin-go/admin"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Source is a file as read: its name, the desired state and where each of
// its values is, so a refusal can point at the line.
type Source struct {
	Name string
	File *File
	ast  *ast.File
}

// Refusal is something the file asks that the plan cannot do, at the
// place in the file that asks it.
type Refusal struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Reason string `json:"reason"`
}

func (r Refusal) Error() string {
	if r.Line == 0 {
		return fmt.Sprintf("%s: %s", r.File, r.Reason)
	}
	return fmt.Sprintf("%s:%d:%d: %s", r.File, r.Line, r.Column, r.Reason)
}

// Refusals are all that a file asks that cannot be done.
type Refusals []Refusal

func (rs Refusals) Error() string {
	lines := make([]string, len(rs))
	for i, r := range rs {
		lines[i] = r.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse reads a file strictly: a syntax error, an unknown or duplicate key
// or a value of the wrong type is a Refusal at its line and column, an
// unknown key with the known key it is most like.
func Parse(name string, data []byte) (*Source, error) {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlRefusal(name, err)
	}
	var f File
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		return nil, yamlRefusal(name, err)
	}
	src := &Source{Name: name, File: &f, ast: tree}
	if f.Version == 0 {
		return nil, Refusals{src.refusal(path{}, "the file has no version: start it with version: %d", Version)}
	}
	if f.Version != Version {
		return nil, Refusals{src.refusal(path{"version"}, "version %d: this anthropic-admin reads version %d files", f.Version, Version)}
	}
	if rs := src.check(); len(rs) > 0 {
		return nil, rs
	}
	return src, nil
}

func yamlRefusal(name string, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil {
		return Refusals{{File: name, Reason: err.Error()}}
	}
	tk := ye.GetToken()
	msg := ye.GetMessage()
	var unknown *yaml.UnknownFieldError
	if errors.As(err, &unknown) {
		if s := suggest(tk.Value, knownKeys()); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	}
	return Refusals{{File: name, Line: tk.Position.Line, Column: tk.Position.Column, Reason: msg}}
}

// knownKeys are the keys of every mapping the file format has.
func knownKeys() []string {
	var keys []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			sf := t.Field(i)
			if name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ","); name != "" && !slices.Contains(keys, name) {
				keys = append(keys, name)
			}
			walk(sf.Type)
		}
	}
	walk(reflect.TypeFor[File]())
	return keys
}

// suggest is the candidate nearest to s, if it is near enough to be a typo.
func suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// path is where a value is in the file: mapping keys and sequence indexes.
type path []any

func (p path) with(steps ...any) path { return append(slices.Clip(p), steps...) }

// refusal is a Refusal at p (at the nearest enclosing value the file has).
func (s *Source) refusal(p path, format string, args ...any) Refusal {
	r := Refusal{File: s.Name, Reason: fmt.Sprintf(format, args...)}
	if s.ast != nil && len(s.ast.Docs) > 0 {
		if tk := locate(s.ast.Docs[0].Body, p); tk != nil {
			r.Line, r.Column = tk.GetToken().Position.Line, tk.GetToken().Position.Column
		}
	}
	return r
}

// locate finds the node at p: the key of a mapping entry for a string
// step, so a refusal points at the key the value belongs to, and the item
// for an index.
func locate(n ast.Node, p path) ast.Node {
	found := n
	if mv := mappingValues(n); len(mv) > 0 {
		found = mv[0].Key // the document: its first line
	}
	for _, step := range p {
		for {
			if a, ok := n.(*ast.AnchorNode); ok {
				n = a.Value
				continue
			}
			if t, ok := n.(*ast.TagNode); ok {
				n = t.Value
				continue
			}
			break
		}
		switch s := step.(type) {
		case string:
			var next ast.Node
			for _, mv := range mappingValues(n) {
				if k, ok := mv.Key.(ast.ScalarNode); ok && fmt.Sprint(k.GetValue()) == s {
					found, next = mv.Key, mv.Value
					break
				}
			}
			if next == nil {
				return found
			}
			n = next
		case int:
			seq, ok := n.(*ast.SequenceNode)
			if !ok || s >= len(seq.Values) {
				return found
			}
			n = seq.Values[s]
			found = n
			if mv := mappingValues(n); len(mv) > 0 {
				found = mv[0].Key
			}
		}
	}
	return found
}

func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// check refuses a list that names the same thing twice, and an amount
// that is not one.
func (s *Source) check() Refusals {
	var rs Refusals
	dup := func(p path, n int, key func(i int) (string, string), what string) {
		seen := map[string]bool{}
		for i := range n {
			k, shown := key(i)
			if seen[lower(k)] {
				rs = append(rs, s.refusal(p.with(i), "%s %q is listed twice", what, shown))
			}
			seen[lower(k)] = true
		}
	}
	f := s.File
	if f.Members != nil {
		items := f.Members.Items
		dup(path{"members", "items"}, len(items), func(i int) (string, string) { return items[i].Email, items[i].Email }, "member")
	}
	if f.Invites != nil {
		items := f.Invites.Items
		dup(path{"invites", "items"}, len(items), func(i int) (string, string) { return items[i].Email, items[i].Email }, "invite")
	}
	if f.Workspaces != nil {
		items := f.Workspaces.Items
		dup(path{"workspaces", "items"}, len(items), func(i int) (string, string) {
			return items[i].Name + "\x00" + items[i].ID, strings.TrimSpace(items[i].Name + " " + items[i].ID)
		}, "workspace")
		for i, w := range items {
			dup(path{"workspaces", "items", i, "members"}, len(w.Members), func(j int) (string, string) { return w.Members[j].Email, w.Members[j].Email }, "workspace member")
		}
	}
	if f.APIKeys != nil {
		items := f.APIKeys.Items
		dup(path{"api_keys", "items"}, len(items), func(i int) (string, string) {
			k := items[i]
			return k.Workspace + "\x00" + k.Name + "\x00" + k.ID, strings.TrimSpace(strings.Join([]string{k.Workspace, k.Name, k.ID}, " "))
		}, "API key")
	}
	if g := f.RBACGroups; g != nil {
		items := g.Items
		dup(path{"rbac_groups", "items"}, len(items), func(i int) (string, string) {
			return items[i].Name + "\x00" + items[i].ID, strings.TrimSpace(items[i].Name + " " + items[i].ID)
		}, "RBAC group")
		for i, it := range items {
			dup(path{"rbac_groups", "items", i, "members"}, len(it.Members), func(j int) (string, string) { return it.Members[j], it.Members[j] }, "group member")
		}
	}
	if sa := f.ServiceAccounts; sa != nil {
		items := sa.Items
		dup(path{"service_accounts", "items"}, len(items), func(i int) (string, string) {
			return items[i].Name + "\x00" + items[i].ID, strings.TrimSpace(items[i].Name + " " + items[i].ID)
		}, "service account")
	}
	if fr := f.FederationRules; fr != nil {
		items := fr.Items
		dup(path{"federation_rules", "items"}, len(items), func(i int) (string, string) {
			return items[i].Name + "\x00" + items[i].ID, strings.TrimSpace(items[i].Name + " " + items[i].ID)
		}, "federation rule")
		for i, it := range items {
			dup(path{"federation_rules", "items", i, "workspaces"}, len(it.Workspaces), func(j int) (string, string) { return it.Workspaces[j], it.Workspaces[j] }, "rule workspace")
		}
	}
	if sl := f.SpendLimits; sl != nil {
		amounts := func(at path, m map[admin.SpendLimitPeriod]USD) {
			for _, period := range slices.Sorted(maps.Keys(m)) {
				if err := m[period].check(); err != nil {
					rs = append(rs, s.refusal(at.with(string(period)), "%v", err))
				}
			}
		}
		amounts(path{"spend_limits", "organization"}, sl.Organization)
		for _, name := range slices.Sorted(maps.Keys(sl.Workspaces)) {
			amounts(path{"spend_limits", "workspaces", name}, sl.Workspaces[name])
		}
		for _, email := range slices.Sorted(maps.Keys(sl.Members)) {
			amounts(path{"spend_limits", "members", email}, sl.Members[email])
		}
	}
	return rs
}

func mapped[T, U any](items []T, f func(T) U) []U {
	out := make([]U, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}
