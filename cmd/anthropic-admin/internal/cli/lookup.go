package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin-go/admin"
)

// lookup finds one object given by ID (with one of its prefixes) or by
// name: an ID is read, a name is looked for among every object listed.
type lookup[T any] struct {
	what, listCmd string // "RBAC group", the command that lists them
	prefixes      []string
	get           func(ctx context.Context, id string) (*T, error)
	list          func() *admin.List[T]
	name, id      func(T) string
}

// find resolves arg. A name is matched exactly, else in any letter case;
// none is not found, several are refused with their IDs.
func (l lookup[T]) find(cmd *cobra.Command, arg string) (T, error) {
	var none T
	for _, p := range l.prefixes {
		if strings.HasPrefix(arg, p) {
			v, err := l.get(cmd.Context(), arg)
			if err != nil {
				return none, notFoundAs(err, "no %s has the ID %q", l.what, arg)
			}
			return *v, nil
		}
	}
	all, err := l.list().Collect(cmd.Context())
	if err != nil {
		return none, err
	}
	return named(cmd, all, arg, l.name, l.id, fmt.Sprintf("no %s is named %q ('%s' lists them)", l.what, arg, l.listCmd), fmt.Sprintf("%ss are named %q", l.what, arg))
}

// named finds the one item named arg: exactly, else in any letter case.
// None is notFound; several are refused with their IDs.
func named[T any](cmd *cobra.Command, items []T, arg string, name, id func(T) string, notFound, several string) (T, error) {
	var found []T
	for _, same := range []func(string, string) bool{func(a, b string) bool { return a == b }, strings.EqualFold} {
		for _, it := range items {
			if same(name(it), arg) {
				found = append(found, it)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	return onlyOne(cmd, found, id, notFound, several)
}

// resolve makes the client and finds arg with the lookup of makes for it.
func resolve[T any](a *app, cmd *cobra.Command, arg string, of func(*admin.Client) lookup[T]) (*admin.Client, T, error) {
	c, err := a.clientFor(cmd.Context())
	if err != nil {
		var none T
		return nil, none, err
	}
	v, err := of(c).find(cmd, arg)
	return c, v, err
}
