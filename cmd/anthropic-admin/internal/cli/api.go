package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/termsafe"
)

func (a *app) apiCommand() *cobra.Command {
	var fields, typed, headers []string
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
every page of a list and prints all items as one JSON array.

-H adds a request header: anthropic-beta values add to the client's own and
to those the endpoint needs (which are sent without -H), anthropic-version
replaces the default, and the credential headers (x-api-key, authorization)
cannot be set this way. A call that cannot be taken back
(DELETE, a POST to .../archive, .../sign_out and the like, or setting status
archived) asks first, like the commands do: --yes skips the question and
--dry-run sends nothing. -o table shows a list as a row per item and one object
as a field per row; the default is JSON. An endpoint that answers a file (a
plugin version's content) writes it to stdout byte for byte, so redirect it.`,
		Example: `  anthropic-admin api GET me
  anthropic-admin api GET users -f limit=5 --paginate
  anthropic-admin api GET usage_report/messages -f starting_at=2026-11-01T00:00:00Z -f 'group_by[]=model'
  anthropic-admin api POST workspaces/wrkspc_01l5puun9eTsaswHmYDKayqh/members -f user_id=user_01BCBgmlzGyFmK8kHGkCuiwe -f workspace_role=workspace_user
  anthropic-admin api POST users/user_01BCBgmlzGyFmK8kHGkCuiwe/sign_out -H 'anthropic-beta: admin-user-sign-out-2026-10-08'
  anthropic-admin api GET plugins/plugin_01FcNxwrZ9QuBvUvUyY5ySUb/versions/latest/content > review-pr.zip`,
		Args: exactArgs("METHOD", "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			method := strings.ToUpper(args[0])
			if !slices.Contains(apiMethods, method) {
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
			opts, err := headerOptions(headers)
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
			if format == output.CSV {
				return usageErr(cmd, "api prints JSON, JSON lines, YAML or a table: the reply of an arbitrary endpoint has no columns for CSV")
			}
			// A table only when asked: on a terminal api prints JSON.
			if format == output.Table && a.flags.output == "" {
				format = output.JSON
			}
			if irreversible(method, path, values) {
				if err := a.confirm(cmd, "send "+method+" "+path); err != nil {
					return err
				}
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			ep, known := admin.LookupEndpoint(method, path)
			if known && ep.Credentials&admin.CredentialAdminKey == 0 {
				// Service accounts and federation: the OAuth token, as their
				// commands send it.
				_, oauth, err := a.oauthClient(cmd.Context())
				if err != nil {
					return err
				}
				opts = append(opts, oauth...)
			}
			if known && ep.Binary {
				return a.download(cmd, c, method, path, query, paginate, opts)
			}
			if !paginate {
				var out json.RawMessage
				if err := c.Do(cmd.Context(), method, path, query, body, &out, opts...); err != nil {
					return err
				}
				if a.flags.dryRun && method != http.MethodGet {
					return nil
				}
				if len(out) == 0 {
					return nil
				}
				return a.writeRaw(format, out)
			}
			// The library's pager: the same cursor rules as every list, and
			// a cursor the server repeats is an error, not a quiet stop.
			var items []json.RawMessage
			for item, err := range c.List(path, query, opts...).All(cmd.Context()) {
				if err != nil {
					return err
				}
				items = append(items, item)
				if a.flags.maxItems > 0 && len(items) >= a.flags.maxItems {
					break
				}
			}
			if format == output.JSONL {
				for _, it := range items {
					if err := output.WriteCompact(a.env.Stdout, it); err != nil {
						return err
					}
				}
				return nil
			}
			all, err := json.Marshal(items)
			if err != nil {
				return err
			}
			return a.writeRaw(format, all)
		},
	}
	cmd.Flags().StringArrayVarP(&fields, "field", "f", nil, "a string field key=value (repeatable)")
	cmd.Flags().StringArrayVarP(&typed, "typed-field", "F", nil, "a JSON-valued field key=value (repeatable)")
	cmd.Flags().StringArrayVarP(&headers, "header", "H", nil, "a request header 'Name: value' (repeatable)")
	cmd.Flags().BoolVar(&paginate, "paginate", false, "follow every page and print all items")
	return lists(cmd)
}

// download writes an endpoint's file (a plugin version's archive) to
// stdout as the API sends it: not through a printer, and not to a
// terminal.
func (a *app) download(cmd *cobra.Command, c *admin.Client, method, path string, query url.Values, paginate bool, opts []admin.Option) error {
	switch {
	case paginate:
		return usageErr(cmd, "%s %s answers a file, not a list: --paginate does not apply", method, path)
	case a.env.StdoutTTY:
		return usageErr(cmd, "%s %s answers a file: redirect it (> file.zip) rather than print it on the terminal", method, path)
	}
	d, err := c.DoRaw(cmd.Context(), method, path, query, opts...)
	if err != nil {
		return err
	}
	defer d.Close()
	_, err = io.Copy(a.env.Stdout, d)
	return err
}

// irreversibleActions are the last path segments of POST calls that cannot
// be taken back.
var irreversibleActions = []string{"archive", "delete", "remove", "revoke", "sign_out", "regenerate_signing_secret"}

// irreversible tells whether a call cannot be taken back, so that api asks
// first, as the commands do: a DELETE, a POST to an action that archives,
// removes, revokes, signs out or replaces a secret, and a POST that sets
// status archived (an API key's update).
func irreversible(method, path string, fields []field) bool {
	if method == http.MethodDelete {
		return true
	}
	if method != http.MethodPost {
		return false
	}
	if slices.Contains(irreversibleActions, path[strings.LastIndex(path, "/")+1:]) {
		return true
	}
	return slices.ContainsFunc(fields, func(f field) bool {
		return f.key == "status" && strings.Trim(f.text, `"`) == string(admin.APIKeyStatusArchived)
	})
}

// headerOptions turns -H values into request options: anthropic-beta adds
// betas, anthropic-version and user-agent go through their own options, and
// any other header is sent as given. The credential headers are refused, and
// the library judges the rest before anything is asked or sent.
func headerOptions(headers []string) ([]admin.Option, error) {
	var opts []admin.Option
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" {
			return nil, fmt.Errorf("-H %q: want 'Name: value'", h)
		}
		var opt admin.Option
		switch strings.ToLower(name) {
		case "x-api-key", "authorization":
			return nil, fmt.Errorf("-H %s: the credential cannot be set with -H; use --admin-key or --auth-token", name)
		case "anthropic-beta":
			opt = admin.WithBeta(strings.Split(value, ",")...)
		case "anthropic-version":
			opt = admin.WithAnthropicVersion(value)
		case "user-agent":
			opt = admin.WithUserAgent(value)
		default:
			opt = admin.WithHeader(name, value)
		}
		// A throwaway client applies the option: the library is the one
		// judge of header names and values.
		if _, err := admin.NewClient(admin.WithAPIKey("sk-ant-admin01-check"), admin.WithBaseURL(admin.DefaultBaseURL), opt); err != nil {
			return nil, fmt.Errorf("-H %q: not a valid header name, or its value holds a control character", h)
		}
		opts = append(opts, opt)
	}
	return opts, nil
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

// writeRaw prints a reply: YAML or a table when asked, JSON lines as one
// compact line, else indented JSON.
func (a *app) writeRaw(format string, raw json.RawMessage) error {
	w := a.env.Stdout
	switch format {
	case output.YAML:
		return output.WriteYAML(w, raw, 0)
	case output.JSONL:
		return output.WriteCompact(w, raw)
	case output.Table:
		a.writeJSONTable(raw)
		return nil
	}
	return output.WriteIndented(w, raw)
}

// writeJSONTable shows a reply as a table: a list (an array, or a page's
// data) as a row per item with a column per field in the order they first
// appear, one object as a field per row. Nested values show as compact JSON.
func (a *app) writeJSONTable(raw json.RawMessage) {
	keys, vals, isObject := objectFields(raw)
	if isObject {
		if i := slices.Index(keys, "data"); i >= 0 && bytes.HasPrefix(vals[i], []byte("[")) {
			raw, isObject = vals[i], false
		}
	}
	if isObject {
		rows := make([][]string, len(keys))
		for i, k := range keys {
			rows[i] = []string{strings.ToUpper(k) + ":", cellText(vals[i])}
		}
		a.out.ReportTable("", nil, rows)
		return
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		fmt.Fprintln(a.env.Stdout, termsafe.Text(cellText(raw))) // a bare value
		return
	}
	var cols []string
	fields := make([]map[string]json.RawMessage, len(items))
	for i, it := range items {
		keys, vals, ok := objectFields(it)
		if !ok {
			keys, vals = []string{"value"}, []json.RawMessage{it}
		}
		fields[i] = map[string]json.RawMessage{}
		for j, k := range keys {
			if !slices.Contains(cols, k) {
				cols = append(cols, k)
			}
			fields[i][k] = vals[j]
		}
	}
	rows := make([][]string, len(items))
	for i := range items {
		rows[i] = make([]string, len(cols))
		for j, c := range cols {
			rows[i][j] = cellText(fields[i][c])
		}
	}
	var head []string
	if !a.out.NoHeaders {
		head = make([]string, len(cols))
		for i, c := range cols {
			head[i] = strings.ToUpper(c)
		}
	}
	a.out.ReportTable("", head, rows)
}

// objectFields reads a JSON object's keys in order and their raw values;
// ok is false when raw is not an object.
func objectFields(raw json.RawMessage) (keys []string, vals []json.RawMessage, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, false
		}
		keys, vals = append(keys, tok.(string)), append(vals, v)
	}
	return keys, vals, true
}

// cellText shows one JSON value in a table cell: a string as its text,
// null or nothing as "-", anything else as compact JSON.
func cellText(v json.RawMessage) string {
	var s string
	switch {
	case len(v) == 0 || string(v) == "null":
		return "-"
	case json.Unmarshal(v, &s) == nil:
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return string(v)
	}
	return buf.String()
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
