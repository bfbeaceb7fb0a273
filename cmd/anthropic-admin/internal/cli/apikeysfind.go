package cli

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin/access"
)

// apiKeysFindCommand finds a key from a leaked fragment.
func (a *app) apiKeysFindCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "find FRAGMENT",
		Short: "Find the API key a leaked fragment belongs to (matches partial_key_hint)",
		Long: `find matches a fragment of a leaked key (the whole key, or part of it) against
every key's partial_key_hint, and shows the matches with their workspace,
creator, status and last use. Then switch the key off with
'anthropic-admin api-keys deactivate KEY'.`,
		Example: "  anthropic-admin api-keys find sk-ant-api03-6HVJ",
		Args:    exactArgs("FRAGMENT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.format(cmd)
			if err != nil {
				return err
			}
			c, err := a.clientFor(cmd.Context())
			if err != nil {
				return err
			}
			keys, err := access.Find(cmd.Context(), c, args[0], access.Options{Now: a.now})
			if err != nil {
				return err
			}
			if len(keys) == 0 {
				return &exitError{code: ExitNotFound, err: errNoKeyMatches}
			}
			return a.writeAccess(format, keys, func(b *bytes.Buffer) { a.keysTable(b, keys) })
		},
	}
}

var errNoKeyMatches = errorString("no API key's hint matches that fragment")

type errorString string

func (e errorString) Error() string { return string(e) }
