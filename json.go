package admin

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

// raw keeps an object's JSON exactly as the server sent it. Top-level objects
// (what a call returns, or a list or report page holds) embed it to get
// RawJSON, so fields this version does not know are never lost. Objects
// inside them do not: their JSON is in their parent's, and a copy of their
// own would double the memory of a report.
type raw struct{ json json.RawMessage }

// RawJSON returns the object's JSON as the server sent it, unknown fields
// included; nil for an object that was not decoded from a response.
func (r raw) RawJSON() json.RawMessage { return r.json }

// decodeKeepingRaw decodes data into v (a plain alias of the outer type, so
// that its UnmarshalJSON does not recurse) and keeps a copy of data.
func decodeKeepingRaw(data []byte, v any, r *raw) error {
	if err := unmarshal(data, v); err != nil {
		return err
	}
	if !bytes.Equal(data, []byte("null")) {
		r.json = bytes.Clone(data)
	}
	return nil
}

// unmarshal is json.Unmarshal for the library's own types, with the
// decoder's working state reused. json.Unmarshal builds that state afresh
// on every call, four allocations, and every object with an UnmarshalJSON
// (each member of a page of 1,000, each bucket of a report) makes one call
// of its own: on a page of users that was 40% of all allocations.
//
// The data handed to nested UnmarshalJSON methods then lies in a reused
// buffer rather than in the caller's data, which is safe only because the
// library's UnmarshalJSON methods copy what they keep, as json.Unmarshaler
// requires. Values of the caller's own types (Client.Do) are decoded with
// json.Unmarshal. Large values go to json.Unmarshal too: the saving does not
// matter there and a pooled decoder would keep their buffer alive.
//
// Whenever the reused decoder fails, or stops before the end of data,
// json.Unmarshal decodes again, so the error is exactly its own, and so is
// the result with one exception: for a complete value followed by more than
// white space, v holds that first value rather than being left as it was.
// encoding/json never hands an UnmarshalJSON such data, and a response body
// that fails to decode is thrown away, so only a direct call can tell.
func unmarshal(data []byte, v any) error {
	data = bytes.TrimRight(data, " \t\r\n")
	if len(data) > maxReusedDecode {
		return json.Unmarshal(data, v)
	}
	d := decoders.Get().(*reusedDecoder)
	start := d.dec.InputOffset()
	d.src.data = data
	err := d.dec.Decode(v)
	if err != nil || d.dec.InputOffset()-start != int64(len(data)) {
		// The decoder may hold unread input or a sticky error: drop it.
		return json.Unmarshal(data, v)
	}
	d.src.data = nil // not to keep the caller's buffer alive in the pool
	decoders.Put(d)
	return nil
}

// maxReusedDecode is the largest value decoded with a reused decoder.
const maxReusedDecode = 32 << 10

var decoders = sync.Pool{New: func() any {
	d := &reusedDecoder{}
	d.dec = json.NewDecoder(&d.src)
	return d
}}

// reusedDecoder is a json.Decoder fed one value at a time through src.
type reusedDecoder struct {
	src feed
	dec *json.Decoder
}

// feed reads out data, then reports io.EOF until given more.
type feed struct{ data []byte }

func (f *feed) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}
