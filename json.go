package admin

import (
	"bytes"
	"encoding/json"
)

// raw keeps an object's JSON exactly as the server sent it. Types embed it to
// get RawJSON, so fields this version does not know are never lost.
type raw struct{ json json.RawMessage }

// RawJSON returns the object's JSON as the server sent it, unknown fields
// included; nil for an object that was not decoded from a response.
func (r raw) RawJSON() json.RawMessage { return r.json }

// decodeKeepingRaw decodes data into v (a plain alias of the outer type, so
// that its UnmarshalJSON does not recurse) and keeps a copy of data.
func decodeKeepingRaw(data []byte, v any, r *raw) error {
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	if !bytes.Equal(data, []byte("null")) {
		r.json = bytes.Clone(data)
	}
	return nil
}
