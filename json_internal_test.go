package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// unmarshal must be indistinguishable from json.Unmarshal: same values, same
// errors, whatever the decoders in the pool decoded before.
func TestUnmarshalMatchesJSONUnmarshal(t *testing.T) {
	user := `{"id":"user_01","type":"user","email":"ada@example.com","name":"Ada","role":"developer","added_at":"2025-01-02T03:04:05.123456Z","new_field":{"x":[1,2]}}`
	// trailing: a complete value and more, after which json.Unmarshal leaves
	// the target alone while unmarshal has decoded the first value (as its
	// comment says); the errors are the same.
	inputs := []struct {
		data     string
		trailing bool
	}{
		{user, false},
		{user + "\n", false},
		{"  " + user + " \t\r\n", false},
		{"null", false},
		{`{}`, false},
		{`{"id":5,"email":"five@example.com"}`, false},    // a type error: the rest still decodes
		{`{"added_at":"yesterday","id":"user_x"}`, false}, // a failing UnmarshalJSON of a field
		{user + ` {"id":"second"}`, true},                 // two values
		{user + ` x`, true},                               // trailing garbage
		{`{"id":"user_01"`, false},                        // truncated
		{`{"id":"user_01",}`, false},                      // a syntax error inside
		{``, false},
		{`   `, false},
		{`"a string"`, false},
		{`[` + user + `,` + user + `]`, false},
		{`{"id":"` + strings.Repeat("é", maxReusedDecode) + `"}`, false}, // too big for the pool
	}
	// Each input is decoded into a User, a plain struct and a slice, in
	// rounds, so that the pooled decoders see every input after every other.
	targets := []func() any{
		func() any { return new(User) },
		func() any {
			return new(struct {
				ID   string `json:"id"`
				Role OrgRole
			})
		},
		func() any { return new([]User) },
	}
	for round := range 3 {
		for i, in := range inputs {
			for j, target := range targets {
				got, want := target(), target()
				errGot, errWant := unmarshal([]byte(in.data), got), json.Unmarshal([]byte(in.data), want)
				if fmt.Sprint(errGot) != fmt.Sprint(errWant) {
					t.Errorf("round %d, input %d, target %d: error %v, json.Unmarshal says %v", round, i, j, errGot, errWant)
				}
				if !in.trailing && !reflect.DeepEqual(got, want) {
					t.Errorf("round %d, input %d, target %d: decoded %+v, json.Unmarshal %+v", round, i, j, got, want)
				}
			}
		}
	}
}

// RawJSON must be the object's own copy: the nested UnmarshalJSON calls see
// data in a reused buffer, which later decodes overwrite.
func TestRawJSONSurvivesLaterDecodes(t *testing.T) {
	page := func(prefix string) []byte {
		var b bytes.Buffer
		b.WriteString(`{"data":[`)
		for i := range 50 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"%s_%02d","type":"user","email":"%s%d@example.com","name":"N","role":"user","added_at":"2025-01-02T03:04:05Z"}`, prefix, i, prefix, i)
		}
		b.WriteString(`],"has_more":false}`)
		return b.Bytes()
	}
	var first, second pageWire[User]
	if err := unmarshal(page("aaaa"), &first); err != nil {
		t.Fatal(err)
	}
	if err := unmarshal(page("bbbb"), &second); err != nil {
		t.Fatal(err)
	}
	for i, u := range first.Data {
		var fields map[string]any
		if err := json.Unmarshal(u.RawJSON(), &fields); err != nil {
			t.Fatalf("user %d: RawJSON %s: %v", i, u.RawJSON(), err)
		}
		if want := fmt.Sprintf("aaaa_%02d", i); fields["id"] != want || u.ID != want {
			t.Errorf("user %d: ID %q, RawJSON id %v; want %q in both", i, u.ID, fields["id"], want)
		}
	}
}

// The pool is shared by every goroutine; run with -race.
func TestUnmarshalConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				id := fmt.Sprintf("user_%d_%d", g, i)
				var u User
				in := fmt.Sprintf(`{"id":%q,"role":"user","added_at":"2025-01-02T03:04:05Z"}`, id)
				if err := unmarshal([]byte(in), &u); err != nil || u.ID != id || string(u.RawJSON()) != in {
					t.Errorf("decoded %q (%s), %v; want %q", u.ID, u.RawJSON(), err, id)
					return
				}
			}
		})
	}
	wg.Wait()
}
