// Command anthropic-admin runs an Anthropic organization from the terminal
// through the Admin API. This first version has one command, fake-server,
// which serves the in-memory fake of the Admin API from package admintest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/anthropic-admin-go/admin/admintest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: anthropic-admin <command> [flags]

commands:
  fake-server   serve an in-memory fake of the Admin API on a loopback address
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "fake-server":
		return fakeServer(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "anthropic-admin: unknown command %q\n%s", args[0], usage)
	return 2
}

func fakeServer(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fake-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8787", "address to listen on")
	seed := fs.String("seed", "demo", "starting data: demo or empty")
	key := fs.String("admin-key", admintest.DefaultAdminKey, "admin key the fake accepts")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	seeds := map[string]func() admintest.Seed{"demo": admintest.Demo, "empty": admintest.Empty}
	mkSeed, ok := seeds[*seed]
	if !ok {
		fmt.Fprintf(stderr, "anthropic-admin fake-server: --seed must be demo or empty, not %q\n", *seed)
		return 2
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "anthropic-admin fake-server: %v\n", err)
		return 1
	}
	fake := admintest.New(admintest.WithSeed(mkSeed()), admintest.WithAdminKey(*key))
	srv := &http.Server{Handler: fake}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(stdout, "fake Admin API (%s seed) listening on http://%s\n", *seed, ln.Addr())
	fmt.Fprintf(stdout, "try: curl -s http://%s/v1/organizations/me -H 'x-api-key: %s' -H 'anthropic-version: 2023-06-01'\n", ln.Addr(), *key)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "anthropic-admin fake-server: %v\n", err)
		return 1
	}
	return 0
}
