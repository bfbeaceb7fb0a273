package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) apiCommand() *cobra.Command {
	var fields, typed []string
	var paginate bool
	cmd := &cobra.Command{
		Use:   "api METHOD PATH",
		Short: "Call any Admin API endpoint",
		Long: `api sends one request to any Admin API endpoint with the same credentials,
retries and error handling as every other command, and prints the JSON reply.

PATH is relative to /v1/organizations/ unless it starts with a slash. Fields
given with -f (strings) or -F (JSON values: numbers, true, false, null, arrays,
objects) go in the query string of a GET or DELETE and in the JSON body of a
POST. A key ending in [] collects its values into a list. --paginate follows
every page of a list and prints all items as one JSON array.`,
		Example: `  anthropic-admin api GET me
  anthropic-admin api GET users -f limit=5 --paginate
  anthropic-admin api GET usage_report/messages -f starting_at=2026-11-01T00:00:00Z -f 'group_by[]=model'
  anthropic-admin api POST workspaces/wrkspc_01l5puun9eTsaswHmYDKayqh/members -f user_id=user_01BCBgmlzGyFmK8kHGkCuiwe -f workspace_role=workspace_user`,
		Args: exactArgs("METHOD", "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			method := strings.ToUpper(args[0])
			switch method {
			case http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodPatch:
			default:
				return usageErr(cmd, "unknown method %q", args[0])
			}
			path, rawQuery, _ := strings.Cut(args[1], "?")
			if !strings.HasPrefix(path, "/") {
				path = "/v1/organizations/" + path
			}
			query, err := url.ParseQuery(rawQuery)
			if err != nil {
				return usageErr(cmd, "bad query in %q: %v", args[1], err)
			}
			values, err := parseFields(fields, typed)
			if err != nil {
				return usageErr(cmd, "%v", err)
			}
			var body any
			if method == http.MethodGet || method == http.MethodDelete {
				for _, f := range values {
					query.Add(f.key, f.text)
				}
			} else if len(values) > 0 {
				body = fieldsObject(values)
			}
			if paginate && method != http.MethodGet {
				return usageErr(cmd, "--paginate works with GET only")
			}
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			if format == formatCSV {
				return usageErr(cmd, "api prints JSON, JSON lines or YAML: the reply of an arbitrary endpoint has no columns for CSV")
			}
			if method == http.MethodDelete {
				if err := a.confirm(cmd, "send DELETE "+path); err != nil {
					return err
				}
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			if !paginate {
				var out json.RawMessage
				if err := c.Do(cmd.Context(), method, path, query, body, &out); err != nil {
					return err
				}
				if a.flags.dryRun && method != http.MethodGet {
					return nil
				}
				if len(out) == 0 {
					return nil
				}
				return writeRaw(a.env.Stdout, format, out)
			}
			var items []json.RawMessage
			seen := map[string]bool{}
			backward := query.Get("before_id") != ""
			for {
				var page struct {
					Data     []json.RawMessage `json:"data"`
					HasMore  *bool             `json:"has_more"`
					FirstID  string            `json:"first_id"`
					LastID   string            `json:"last_id"`
					NextPage string            `json:"next_page"`
				}
				if err := c.Do(cmd.Context(), method, path, query, nil, &page); err != nil {
					return err
				}
				items = append(items, page.Data...)
				if (page.HasMore != nil && !*page.HasMore) || len(page.Data) == 0 {
					break
				}
				// Report and token lists give next_page; ID-cursor lists walk on
				// from last_id, or back from first_id when asked for before_id.
				key, cursor := "page", page.NextPage
				switch {
				case cursor != "":
				case backward:
					key, cursor = "before_id", page.FirstID
				default:
					key, cursor = "after_id", page.LastID
				}
				if cursor == "" || seen[cursor] {
					break
				}
				seen[cursor] = true
				query.Set(key, cursor)
				if a.flags.maxItems > 0 && len(items) >= a.flags.maxItems {
					break
				}
			}
			if a.flags.maxItems > 0 && len(items) > a.flags.maxItems {
				items = items[:a.flags.maxItems]
			}
			if format == formatJSONL {
				for _, it := range items {
					if err := writeCompact(a.env.Stdout, it); err != nil {
						return err
					}
				}
				return nil
			}
			all, err := json.Marshal(items)
			if err != nil {
				return err
			}
			return writeRaw(a.env.Stdout, format, all)
		},
	}
	cmd.Flags().StringArrayVarP(&fields, "field", "f", nil, "a string field key=value (repeatable)")
	cmd.Flags().StringArrayVarP(&typed, "typed-field", "F", nil, "a JSON-valued field key=value (repeatable)")
	cmd.Flags().BoolVar(&paginate, "paginate", false, "follow every page and print all items")
	return lists(cmd)
}

// field is one -f or -F value: its text for a query string and its JSON
// value for a body.
type field struct {
	key   string
	text  string
	value any
}

func parseFields(strs, typed []string) ([]field, error) {
	var out []field
	for _, s := range strs {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("field %q is not key=value", s)
		}
		out = append(out, field{key: k, text: v, value: v})
	}
	for _, s := range typed {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("field %q is not key=value", s)
		}
		// The value goes out as written: numbers keep every digit (no
		// float), and what is not JSON is sent as a string, never as null.
		var val any = json.RawMessage(v)
		if !json.Valid([]byte(v)) {
			val = v
		}
		out = append(out, field{key: k, text: v, value: val})
	}
	return out, nil
}

// writeRaw prints a reply: YAML when asked, JSON lines as one compact line,
// else indented JSON (also on a terminal, where other commands print tables).
func writeRaw(w io.Writer, format string, raw json.RawMessage) error {
	switch format {
	case formatYAML:
		return writeYAML(w, raw, 0)
	case formatJSONL:
		return writeCompact(w, raw)
	}
	return writeIndented(w, raw)
}

// fieldsObject builds a JSON body; keys ending in [] collect lists.
func fieldsObject(fields []field) map[string]any {
	obj := map[string]any{}
	for _, f := range fields {
		if k, ok := strings.CutSuffix(f.key, "[]"); ok {
			list, _ := obj[k].([]any)
			obj[k] = append(list, f.value)
			continue
		}
		obj[f.key] = f.value
	}
	return obj
}
