package admintest

import (
	"bytes"
	"encoding/json"
)

// sent is one field of a request body, telling apart what the API tells
// apart: a field left out, a field sent as null, and a value.
type sent[T any] struct {
	given bool // the field is in the body, null or not
	null  bool
	v     T
}

// value reports whether the body gave the field a value, not null.
func (s sent[T]) value() bool { return s.given && !s.null }

// isGiven reports whether the field is in the body, null or not.
func (s sent[T]) isGiven() bool { return s.given }

func (s *sent[T]) UnmarshalJSON(data []byte) error {
	s.given = true
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		s.null = true
		return nil
	}
	return json.Unmarshal(data, &s.v)
}

// notNull refuses a null the field does not take, as the API's validation
// does.
func notNull[T any](field string, s sent[T]) *apiError {
	if s.null {
		return errInvalid("%s: Input should be a valid value, not null", field)
	}
	return nil
}
