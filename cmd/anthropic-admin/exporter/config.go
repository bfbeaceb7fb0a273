package exporter

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/anthropic-admin-go/admin"
)

// MinRefresh is the shortest refresh interval: the usage and cost
// endpoints ask to be polled about once a minute at most.
const MinRefresh = time.Minute

// DefaultRefresh is the refresh interval unless one is given.
const DefaultRefresh = 5 * time.Minute

// Config is an exporter.yaml file: the organizations to export and,
// optionally, settings the command line can also give (flags win).
//
//	refresh: 5m
//	top_keys: 10
//	organizations:
//	  - name: Acme Robotics
//	    admin_key_env: ACME_ADMIN_KEY
//	    budget: 50000
//	  - name: Acme Labs
//	    admin_key_env: LABS_ADMIN_KEY
//	    base_url: https://api.anthropic.com
type Config struct {
	Listen        string               `yaml:"listen"`
	Refresh       time.Duration        `yaml:"-"` // the file's refresh, read by ParseConfig
	TopKeys       int                  `yaml:"top_keys"`
	Organizations []OrganizationConfig `yaml:"organizations"`
}

// OrganizationConfig is one organization of a Config.
type OrganizationConfig struct {
	// Name is the organization label of its series; required, unique.
	Name string `yaml:"name"`
	// AdminKeyEnv names the environment variable holding its admin key;
	// the key itself never goes in the file.
	AdminKeyEnv string `yaml:"admin_key_env"`
	// BaseURL is the Admin API's; "" for the command's default.
	BaseURL string `yaml:"base_url"`
	// Budget is its monthly budget in US dollars, such as 50000 or
	// "12500.50"; empty for none.
	Budget Dollars `yaml:"budget"`
}

// Dollars is an amount of US dollars as written in the file, a number or a
// string, kept as text so that no float ever holds it.
type Dollars string

// UnmarshalYAML keeps the scalar's text.
func (d *Dollars) UnmarshalYAML(b []byte) error {
	*d = Dollars(strings.Trim(strings.TrimSpace(string(b)), `"'`))
	return nil
}

// ParseConfig reads an exporter.yaml. Unknown keys are refused, and every
// error says where in the file it is (line:column).
func ParseConfig(data []byte) (*Config, error) {
	// The refresh is read as text, so that a bad one is an error with its
	// place in the file like the others.
	var raw struct {
		Config  `yaml:",inline"`
		Refresh string `yaml:"refresh"`
	}
	if err := yaml.UnmarshalWithOptions(data, &raw, yaml.Strict()); err != nil {
		return nil, errors.New(yaml.FormatError(err, false, false))
	}
	c := raw.Config
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, errors.New(yaml.FormatError(err, false, false))
	}
	at := func(path string) string {
		p, err := yaml.PathString(path)
		if err != nil {
			return ""
		}
		n, err := p.FilterFile(file)
		if m, ok := n.(*ast.MappingNode); ok && err == nil && len(m.Values) > 0 {
			n = m.Values[0].Key // a mapping is where its first key is
		}
		if err != nil || n == nil || n.GetToken() == nil {
			return ""
		}
		pos := n.GetToken().Position
		return fmt.Sprintf("[%d:%d] ", pos.Line, pos.Column)
	}
	fail := func(path, format string, args ...any) error {
		return fmt.Errorf("%s%s: %s", at(path), strings.TrimPrefix(path, "$."), fmt.Sprintf(format, args...))
	}
	if raw.Refresh != "" {
		d, err := time.ParseDuration(raw.Refresh)
		if err != nil {
			return nil, fail("$.refresh", "%q is not a duration such as 5m or 1h", raw.Refresh)
		}
		c.Refresh = d
	}
	if c.Refresh != 0 && c.Refresh < MinRefresh {
		return nil, fail("$.refresh", "%s is too often: the usage and cost endpoints are polled at most once a minute", c.Refresh)
	}
	if c.TopKeys < 0 {
		return nil, fail("$.top_keys", "%d: give a positive number", c.TopKeys)
	}
	if len(c.Organizations) == 0 {
		return nil, fail("$", "organizations: list at least one organization")
	}
	names := map[string]bool{}
	for i, o := range c.Organizations {
		path := fmt.Sprintf("$.organizations[%d]", i)
		switch {
		case strings.TrimSpace(o.Name) == "":
			return nil, fail(path, "name is required: it is the organization label of its series")
		case names[o.Name]:
			return nil, fail(path+".name", "%q is given twice", o.Name)
		case o.AdminKeyEnv == "":
			return nil, fail(path, "admin_key_env is required: the environment variable that holds the organization's admin key")
		case strings.HasPrefix(o.AdminKeyEnv, "sk-ant-"):
			return nil, fail(path+".admin_key_env", "holds a key: give the name of the environment variable that holds it, and keep the key out of the file")
		}
		names[o.Name] = true
		if o.BaseURL != "" {
			if u, err := url.Parse(o.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return nil, fail(path+".base_url", "%q is not an http(s) URL", o.BaseURL)
			}
		}
		if o.Budget != "" {
			if _, err := admin.ParseDollars(string(o.Budget)); err != nil {
				return nil, fail(path+".budget", "%v", err)
			}
		}
	}
	return &c, nil
}

// Targets are the config's organizations, each with its admin key read
// from its variable through getenv, and base its base URL when the file
// gives none. opts go to every client.
func (c *Config) Targets(getenv func(string) string, base string, opts ...admin.Option) ([]Target, error) {
	var out []Target
	for _, o := range c.Organizations {
		key := strings.TrimSpace(getenv(o.AdminKeyEnv))
		if key == "" {
			return nil, fmt.Errorf("organization %q: $%s is empty or not set: it must hold the organization's admin key", o.Name, o.AdminKeyEnv)
		}
		t := Target{Organization: o.Name, ClientOptions: append(append([]admin.Option{}, opts...),
			admin.WithAPIKey(key), admin.WithBaseURL(cmp.Or(o.BaseURL, base)))}
		if o.Budget != "" {
			b, err := admin.ParseDollars(string(o.Budget))
			if err != nil {
				return nil, fmt.Errorf("organization %q: budget: %w", o.Name, err)
			}
			t.Budget = &b
		}
		out = append(out, t)
	}
	return out, nil
}
