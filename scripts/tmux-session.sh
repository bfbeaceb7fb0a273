#!/usr/bin/env bash
# Drives anthropic-admin in a real terminal (tmux): types commands, reads the
# screen, and checks that tables, prompts and piped output behave as a person
# and a script expect. Runs against the built-in demo organization (--fake),
# so it needs no key and no network. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# tmux, and bash-completion for the completion checks: installed only when
# missing, with one apt-get update before.
bash_completion=/usr/share/bash-completion/bash_completion
missing=()
command -v tmux >/dev/null || missing+=(tmux)
[ -f "$bash_completion" ] || missing+=(bash-completion)
if [ ${#missing[@]} -gt 0 ]; then
	(apt-get update && apt-get install -y "${missing[@]}") >/dev/null
fi

work=$(mktemp -d)
sock="aa-tmux-$$"
hostile_pid=
cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	[ -z "$hostile_pid" ] || kill "$hostile_pid" 2>/dev/null || true
	# The shell may still be writing its files as it dies: retry, never fail.
	rm -rf "$work" 2>/dev/null || { sleep 0.5; rm -rf "$work" 2>/dev/null || true; }
}
trap cleanup EXIT

go build -o "$work/anthropic-admin" ./cmd/anthropic-admin

tmux -L "$sock" new-session -d -s main -x 150 -y 60 "env -i HOME=$work TERM=xterm-256color PATH=$work:/usr/bin:/bin ANTHROPIC_ADMIN_FAKE=1 bash --norc --noprofile"
tmux -L "$sock" send-keys -t main "PS1='$ '; clear" Enter

screen() { tmux -L "$sock" capture-pane -p -t main; }
type_line() { tmux -L "$sock" send-keys -t main -l "$1"; tmux -L "$sock" send-keys -t main Enter; }
fail() {
	echo "tmux session check failed: $*" >&2
	echo "---- screen ----" >&2
	screen >&2
	exit 1
}
# wait_for TEXT: poll the screen until TEXT shows, for at most 20 seconds.
wait_for() {
	for _ in $(seq 1 100); do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.2
	done
	fail "waited for: $1"
}
step() {
	tmux -L "$sock" send-keys -t main "clear" Enter
	sleep 0.2
	echo "== $*"
}

step "a table on a terminal"
type_line "anthropic-admin users list --role billing"
wait_for "ROLE"
screen | grep -qE '^ID +EMAIL +NAME +ROLE +ADDED' || fail "no aligned header row"
[ "$(screen | grep -cE '^user_[0-9A-Za-z]+ +[^ ]+@acme-robotics.example +.+ billing ')" = 2 ] || fail "expected two aligned billing rows"

step "JSON when piped"
type_line "anthropic-admin users list --role billing | head -c 1; echo '<-first byte'"
wait_for "[<-first byte"

step "a destructive action asks first, and no means no"
type_line "anthropic-admin workspaces archive Staging"
wait_for "Type yes or y to continue"
type_line "no"
wait_for "cancelled: nothing was changed"

step "without a terminal it refuses instead of asking"
type_line "anthropic-admin workspaces archive Staging </dev/null 2>&1 | cat; echo exit=\${PIPESTATUS[0]}"
wait_for "exit=2"
screen | grep -qF -- "--yes" || fail "refusal does not mention --yes"

step "dry run prints the change and sends none"
type_line "anthropic-admin users update grace.liu@acme-robotics.example --role user --dry-run"
wait_for "dry run: would send POST /v1/organizations/users/"

step "bad input: one line, usage hint, exit 2"
type_line "anthropic-admin users list -o xml; echo exit=\$?"
wait_for "exit=2"
screen | grep -qF "unknown output format" || fail "no clear error for a bad format"

step "progress goes to the terminal's stderr only, and leaves nothing behind"
# Everything the terminal receives is logged, to see the progress that the
# final screen no longer shows.
tmux -L "$sock" pipe-pane -t main "cat >> $work/terminal.log"
type_line "anthropic-admin cost --since 90d -o csv > $work/cost.csv; echo exit=\$?"
wait_for "exit=0"
tmux -L "$sock" pipe-pane -t main
grep -q "fetching" "$work/terminal.log" || fail "no progress was shown while fetching 90 days"
if screen | grep -q "fetching"; then fail "progress text left on the screen"; fi
head -1 "$work/cost.csv" | grep -q '^date_start,' || fail "the CSV does not start with its header"
if grep -q "fetching" "$work/cost.csv"; then fail "progress text in the CSV on stdout"; fi
[ "$(wc -l < "$work/cost.csv")" -gt 90 ] || fail "90 days of cost gave too few CSV rows"

step "a mistyped subcommand is refused, with the command meant"
type_line "anthropic-admin users remve priya.raman@acme-robotics.example --yes; echo exit=\$?"
wait_for "exit=2"
screen | grep -qF 'did you mean "remove"?' || fail "no suggestion for a mistyped subcommand"

step "completion: TAB completes a flag's value"
type_line ". $bash_completion; source <(anthropic-admin completion bash); echo completion-ready"
wait_for "completion-ready"
tmux -L "$sock" send-keys -t main -l "anthropic-admin users list --role dev"
tmux -L "$sock" send-keys -t main Tab
wait_for "anthropic-admin users list --role developer"
tmux -L "$sock" send-keys -t main Enter
wait_for "ROLE"
[ "$(screen | grep -cE '^user_[0-9A-Za-z]+ +[^ ]+@acme-robotics.example +.+ developer ')" -gt 0 ] || fail "the completed command listed no developers"

step "completion: TAB completes a workspace name from the demo organization"
tmux -L "$sock" send-keys -t main -l "anthropic-admin workspaces get Sup"
tmux -L "$sock" send-keys -t main Tab
wait_for 'anthropic-admin workspaces get Support\ Assistant'
tmux -L "$sock" send-keys -t main Enter
wait_for "ENCRYPTION KEY:"
screen | grep -qE '^NAME: +Support Assistant$' || fail "the completed name did not find its workspace"

step "names from the server cannot drive the terminal"
# A fake whose every name holds escape sequences (clear the screen, set the
# window title, erase a line), bidi overrides and formulas.
"$work/anthropic-admin" fake-server --listen 127.0.0.1:0 --seed hostile >"$work/hostile.out" 2>&1 &
hostile_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/hostile.out" && break; sleep 0.1; done
hostile_url=$(grep -o 'http://[0-9.:]*' "$work/hostile.out" | head -1)
[ -n "$hostile_url" ] || { cat "$work/hostile.out" >&2; fail "the hostile fake did not start"; }
type_line "echo screen-still-here"
type_line "ANTHROPIC_ADMIN_FAKE=0 ANTHROPIC_ADMIN_KEY=$(grep -o 'sk-ant-admin[^ ]*' "$work/hostile.out" | head -1) anthropic-admin --base-url $hostile_url workspaces list --include-archived; echo exit=\$?"
wait_for "exit=0"
screen | grep -qF 'screen-still-here' || fail "the screen was cleared by a workspace name"
screen | grep -qF '\x0d\x1b[K' || fail "the erase-line sequence is not shown escaped"
screen | grep -qF '\x1b[2J\x1b]0;pwned\x07' || fail "the clear-screen and title sequences are not shown escaped"
screen | grep -qF '\u202e' || fail "the bidi override is not shown escaped"
title=$(tmux -L "$sock" display-message -p -t main '#{pane_title}')
[ "$title" != "pwned" ] || fail "a workspace name set the window title"
kill "$hostile_pid" 2>/dev/null || true

step "the demo"
type_line "anthropic-admin demo"
wait_for "Now point it at your organization"
# The demo is longer than the pane: its spend section is in the scrollback.
tmux -L "$sock" capture-pane -p -S - -t main | grep -qF "Spend, last 30 days" || fail "demo shows no spend"
screen | grep -qF "Organization as code" || fail "demo shows no organization as code"
if screen | grep -q "fetching"; then fail "progress text left on the screen"; fi

echo "tmux session checks passed"
