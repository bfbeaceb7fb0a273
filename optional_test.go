package admin_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/anthropic-admin-go/admin"
)

// TestOptionalStates checks that each of the three states reads back as
// itself, and nothing else.
func TestOptionalStates(t *testing.T) {
	tests := []struct {
		name                 string
		o                    admin.Optional[string]
		zero, isSet, isClear bool
		value                string
		str                  string
	}{
		{"unchanged", admin.Optional[string]{}, true, false, false, "", "(unchanged)"},
		{"set", admin.Set("#6C5BB9"), false, true, false, "#6C5BB9", "#6C5BB9"},
		{"set to the empty string is still set", admin.Set(""), false, true, false, "", ""},
		{"clear", admin.Clear[string](), false, false, true, "", "(clear)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.o.Get()
			if tt.o.IsZero() != tt.zero || tt.o.IsSet() != tt.isSet || tt.o.IsClear() != tt.isClear || ok != tt.isSet || v != tt.value {
				t.Errorf("IsZero %v, IsSet %v, IsClear %v, Get (%q, %v)", tt.o.IsZero(), tt.o.IsSet(), tt.o.IsClear(), v, ok)
			}
			if got := tt.o.String(); got != tt.str {
				t.Errorf("String = %q, want %q", got, tt.str)
			}
		})
	}
	// Comparable, so a plan can diff desired and current with ==.
	if admin.Set("a") != admin.Set("a") || admin.Set("a") == admin.Set("b") || admin.Set("") == admin.Clear[string]() ||
		admin.Clear[string]() == (admin.Optional[string]{}) {
		t.Error("== does not tell the states and values apart")
	}
}

type optionalBody struct {
	Color admin.Optional[string]            `json:"color,omitzero"`
	Limit admin.Optional[int64]             `json:"limit,omitzero"`
	Tags  map[string]admin.Optional[string] `json:"tags,omitempty"`
}

func TestOptionalJSON(t *testing.T) {
	tests := []struct {
		name string
		body optionalBody
		json string
	}{
		{"unchanged is left out", optionalBody{}, `{}`},
		{"set", optionalBody{Color: admin.Set("#6C5BB9"), Limit: admin.Set(int64(0))}, `{"color":"#6C5BB9","limit":0}`},
		{"clear is null", optionalBody{Color: admin.Clear[string](), Limit: admin.Clear[int64]()}, `{"color":null,"limit":null}`},
		{"per key in a map", optionalBody{Tags: map[string]admin.Optional[string]{"env": admin.Set("prod"), "team": admin.Clear[string]()}},
			`{"tags":{"env":"prod","team":null}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, got, []byte(tt.json))
			// And back: null is Clear, a value is Set, a field left out
			// stays unchanged.
			var back optionalBody
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatal(err)
			}
			if back.Color != tt.body.Color || back.Limit != tt.body.Limit || len(back.Tags) != len(tt.body.Tags) {
				t.Errorf("decoded %+v, want %+v", back, tt.body)
			}
			for k, v := range tt.body.Tags {
				if back.Tags[k] != v {
					t.Errorf("tag %s decoded as %v, want %v", k, back.Tags[k], v)
				}
			}
		})
	}
}

// An unchanged Optional where nothing leaves it out (no omitzero, or a map
// value) is an error, never a null that would clear the field.
func TestOptionalUnchangedIsNotEncoded(t *testing.T) {
	for _, v := range []any{
		struct {
			V admin.Optional[int64] `json:"value"`
		}{},
		map[string]admin.Optional[string]{"env": {}},
	} {
		if b, err := json.Marshal(v); err == nil || !strings.Contains(err.Error(), "unchanged") {
			t.Errorf("Marshal(%#v) = %s, %v; want an error", v, b, err)
		}
	}
}

func TestOptionalDecodeError(t *testing.T) {
	var o admin.Optional[int64]
	if err := json.Unmarshal([]byte(`"ten"`), &o); err == nil || !o.IsZero() {
		t.Errorf("decoding a string into Optional[int64] = %v, %v; want an error and no change", o, err)
	}
}
