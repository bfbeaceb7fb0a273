package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/output"
	"io"
	"log/slog"
	"os"
	"strings"
)

// credential picks the credential to send: a flag the user typed wins over
// the environment; within each, an admin key wins over a token. bearer tells
// that it is a token.
//
// A secret typed on the command line stays in shell history and shows in
// every process listing, so it can come from a file (--admin-key-file,
// refused when others can read it, as ssh refuses such a private key) or
// from standard input (--admin-key -), and a literal one draws a warning.
func (a *app) credential() (secret string, bearer bool, err error) { return a.findCredential(false) }

// findCredential is credential, or with tokenOnly the OAuth token alone
// (for the endpoints that take nothing else).
func (a *app) findCredential(tokenOnly bool) (secret string, bearer bool, err error) {
	for _, c := range []struct {
		flag, value, file string
		bearer            bool
	}{
		{"--admin-key", a.flags.adminKey, a.flags.adminKeyFile, false},
		{"--auth-token", a.flags.authToken, a.flags.authTokenFile, true},
	} {
		if tokenOnly && !c.bearer {
			continue
		}
		switch {
		case c.value != "" && c.file != "":
			return "", false, &exitError{code: ExitUsage, err: fmt.Errorf("give %s or %s-file, not both", c.flag, c.flag)}
		case c.file != "":
			secret, err = readSecretFile(c.flag+"-file", c.file)
		case c.value == "-":
			secret, err = readSecretLine(c.flag, a.env.Stdin)
		case strings.TrimSpace(c.value) != "":
			secret = strings.TrimSpace(c.value)
			fmt.Fprint(a.env.Stderr, output.Safef("warning: a secret given with %s stays in shell history and process listings; use %s-file PATH, %s - (stdin) or the environment\n", c.flag, c.flag, c.flag))
		default:
			continue
		}
		if err != nil {
			return "", false, err
		}
		return secret, c.bearer, nil
	}
	for _, c := range []struct {
		name   string
		bearer bool
	}{{"ANTHROPIC_ADMIN_KEY", false}, {"ANTHROPIC_ADMIN_API_KEY", false}, {"ANTHROPIC_AUTH_TOKEN", true}} {
		if v := strings.TrimSpace(a.env.getenv(c.name)); v != "" && (c.bearer || !tokenOnly) {
			return v, c.bearer, nil
		}
	}
	return "", false, nil
}

// readSecretFile reads a secret from the first line of path, which must be
// readable and writable by its owner alone.
func readSecretFile(flag, path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", &exitError{code: ExitUsage, err: fmt.Errorf("%s %s: %w", flag, path, errors.Unwrap(err))}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", &exitError{code: ExitUsage, err: fmt.Errorf("%s %s: %w", flag, path, err)}
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return "", &exitError{code: ExitUsage, err: fmt.Errorf("%s %s: others can read or change it (mode %#o); run chmod 600 %s", flag, path, perm, path)}
	}
	return readSecretLine(flag+" "+path, f)
}

// readSecretLine reads one line holding a secret; surrounding space and the
// line end are dropped. It reads byte by byte, so that nothing after the
// line is taken from standard input (a confirmation's answer may follow).
func readSecretLine(from string, r io.Reader) (string, error) {
	if r == nil {
		r = strings.NewReader("")
	}
	var b strings.Builder
	buf := make([]byte, 1)
	for b.Len() < 64<<10 {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			b.WriteByte(buf[0])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", &exitError{code: ExitUsage, err: fmt.Errorf("%s: reading the secret: %w", from, err)}
		}
	}
	line := strings.TrimSpace(b.String())
	if line == "" {
		return "", &exitError{code: ExitUsage, err: fmt.Errorf("%s: no secret there (an empty line)", from)}
	}
	return line, nil
}

// warnings is the library's logger for the CLI: each warning it logs (a key
// that is not an admin key) is one line on stderr, and nothing else shows.
type warnings struct{ w io.Writer }

func (h warnings) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h warnings) Handle(_ context.Context, r slog.Record) error {
	_, err := fmt.Fprint(h.w, output.Safef("warning: %s\n", r.Message))
	return err
}

func (h warnings) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h warnings) WithGroup(string) slog.Handler      { return h }
