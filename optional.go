package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Optional is one optional field of an update: it says one of three things.
//
//   - The zero value leaves the field as it is; it is not sent.
//   - Set(v) sets the field to v.
//   - Clear[T]() clears the field; it is sent as JSON null.
//
// Every optional field of every update params type is an Optional, with
// `json:",omitzero"`, so that leaving a field alone is the zero value and
// never looks like setting it to "" or 0. Required fields stay plain values.
// An update method refuses, before sending, a Clear the API has no meaning
// for (a workspace's name, say), so each field's doc says whether it can be
// cleared.
//
// An Optional of a comparable type is comparable, so plans can diff them with
// ==. It decodes from JSON too (null as Clear, a value as Set, an absent field
// as unchanged), so desired state can be read from a file.
type Optional[T any] struct {
	value T
	state optionalState
}

type optionalState uint8

const (
	optUnchanged optionalState = iota
	optSet
	optCleared
)

// Set returns an Optional that sets a field to v.
func Set[T any](v T) Optional[T] { return Optional[T]{value: v, state: optSet} }

// Clear returns an Optional that clears a field.
func Clear[T any]() Optional[T] { return Optional[T]{state: optCleared} }

// IsZero reports whether o leaves the field unchanged; omitzero relies on it.
func (o Optional[T]) IsZero() bool { return o.state == optUnchanged }

// IsSet reports whether o sets the field to a value.
func (o Optional[T]) IsSet() bool { return o.state == optSet }

// IsClear reports whether o clears the field.
func (o Optional[T]) IsClear() bool { return o.state == optCleared }

// Get returns the value o sets and true, or the zero T and false when o
// leaves the field unchanged or clears it.
func (o Optional[T]) Get() (T, bool) { return o.value, o.state == optSet }

// String shows o for people and logs: the value, "(clear)" or "(unchanged)".
func (o Optional[T]) String() string {
	switch o.state {
	case optSet:
		return fmt.Sprint(o.value)
	case optCleared:
		return "(clear)"
	}
	return "(unchanged)"
}

// MarshalJSON writes the value, or null for Clear. An unchanged Optional has
// nothing to say, so encoding one is an error rather than a silent null: a
// field holding one needs omitzero, and a required nullable field (a rate
// limit's value) must be Set or Clear.
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	switch o.state {
	case optSet:
		return json.Marshal(o.value)
	case optCleared:
		return []byte("null"), nil
	}
	return nil, fmt.Errorf("admin: an unchanged Optional[%T] cannot be encoded: give it omitzero, or Set or Clear it", o.value)
}

// UnmarshalJSON reads null as Clear and any other value as Set.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*o = Clear[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*o = Set(v)
	return nil
}

// noClear refuses a Clear of a field the API cannot clear; why says why.
func noClear[T any](field string, o Optional[T], why string) error {
	if o.IsClear() {
		return paramErr(field, "cannot be cleared: %s", why)
	}
	return nil
}
