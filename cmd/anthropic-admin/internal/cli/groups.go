package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// strictGroups makes every command that groups others (users, workspaces
// members, completion, the root itself) refuse a subcommand it does not
// have: exit 2 and one line with the nearest names, where cobra would print
// the group's help and exit 0 (only the root checks by default). A group
// run with nothing after it still prints its help. The help command is
// replaced by one that refuses unknown topics the same way.
func strictGroups(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	completionExamples(root)
	root.SetHelpCommand(helpCommand())
	// A group is now runnable only to check its arguments: its usage shows
	// "CMD [command]", not a "CMD [flags]" line as if it did something.
	root.SetUsageTemplate(strings.Replace(root.UsageTemplate(), "{{if .Runnable}}", "{{if and .Runnable (not .HasAvailableSubCommands)}}", 1))
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.HasSubCommands() {
			return
		}
		if !c.Runnable() {
			c.Args = knownSubcommand
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	usageArgs(root)
}

// usageArgs makes every command's argument check, cobra's own included
// (the completion commands' NoArgs), fail as a usage error: exit 2 and a
// hint, decided by type rather than by cobra's wording.
func usageArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			err := check(cmd, args)
			var ee *exitError
			if err == nil || errors.As(err, &ee) {
				return err
			}
			return usageErr(cmd, "%v", err)
		}
	}
	for _, sub := range c.Commands() {
		usageArgs(sub)
	}
}

// knownSubcommand is the Args of a group: no argument, or a subcommand's
// name (which cobra will have run instead).
func knownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return unknownCommand(cmd, args[0])
}

// unknownCommand is the error for typed under group: the nearest names, or
// every name when none is near.
func unknownCommand(group *cobra.Command, typed string) error {
	msg := fmt.Sprintf("unknown command %q for %q", typed, group.CommandPath())
	if near := nearCommands(group, typed); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	} else {
		var all []string
		for _, c := range group.Commands() {
			if c.IsAvailableCommand() {
				all = append(all, c.Name())
			}
		}
		msg += "; its commands: " + strings.Join(all, ", ")
	}
	return &exitError{code: ExitUsage, err: errors.New(msg)}
}

// nearCommands are the subcommands of group that typed may have meant:
// cobra's suggestions (a small edit distance, a prefix, SuggestFor), and
// the names or aliases that hold typed's letters in order, first letter
// first, as shortenings do ("msgs" for messages, "shw" for show).
func nearCommands(group *cobra.Command, typed string) []string {
	near := group.SuggestionsFor(typed)
	t := strings.ToLower(typed)
	for _, c := range group.Commands() {
		if !c.IsAvailableCommand() || slices.Contains(near, c.Name()) {
			continue
		}
		if slices.ContainsFunc(append([]string{c.Name()}, c.Aliases...), func(name string) bool { return shortens(t, name) }) {
			near = append(near, c.Name())
		}
	}
	for i, n := range near {
		near[i] = fmt.Sprintf("%q", n)
	}
	return near
}

// shortens tells whether short keeps name's first letter and the rest of
// its letters in order.
func shortens(short, name string) bool {
	if len(short) < 2 || short[0] != name[0] {
		return false
	}
	i := 0
	for j := 0; j < len(name) && i < len(short); j++ {
		if name[j] == short[i] {
			i++
		}
	}
	return i == len(short)
}

// helpCommand is cobra's help command, but a topic it does not know is a
// usage error instead of the root's help with exit 0.
func helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(cmd *cobra.Command, args []string) error {
			target := cmd.Root()
			for _, name := range args {
				i := slices.IndexFunc(target.Commands(), func(c *cobra.Command) bool { return c.Name() == name || c.HasAlias(name) })
				if i < 0 {
					return unknownCommand(target, name)
				}
				target = target.Commands()[i]
			}
			return target.Help()
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, _, err := cmd.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range target.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// completionExamples gives cobra's completion scripts an example each, as
// every command has.
func completionExamples(root *cobra.Command) {
	examples := map[string]string{
		"bash":       "  anthropic-admin completion bash > anthropic-admin.bash",
		"zsh":        "  anthropic-admin completion zsh > _anthropic-admin",
		"fish":       "  anthropic-admin completion fish > anthropic-admin.fish",
		"powershell": "  anthropic-admin completion powershell > anthropic-admin.ps1",
	}
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		for _, sh := range c.Commands() {
			sh.Example = examples[sh.Name()]
		}
	}
}
