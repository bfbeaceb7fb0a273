// Command anthropic-admin runs an Anthropic organization from the terminal
// through the Admin API: members, invites, workspaces, API keys, rate limits,
// and reports on usage and spend. Run `anthropic-admin demo` to see it work
// on a built-in demo organization, with no key.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/anthropic-admin-go/admin/cmd/anthropic-admin/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
