package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strings"
)

// pageStyle is how a list endpoint pages.
type pageStyle int

const (
	// idCursor: after_id / before_id, answered with first_id, last_id and has_more.
	idCursor pageStyle = iota
	// pageToken: page, answered with next_page and, on reports, has_more.
	pageToken
	// eitherCursor: a path the library does not know (Client.List): each
	// reply's next_page when it has one, else its ID cursors.
	eitherCursor
)

// maxPageSize is the largest limit the ID-cursor lists accept.
const maxPageSize = 1000

// Cursor pages a list that pages by ID (users, invites, workspaces, their
// members, API keys). Each such list's params embed it.
type Cursor struct {
	// Limit is the page size, 1 to 1000; 0 for the API's default (20).
	Limit int
	// AfterID starts after this ID: a page's LastID gives the next page.
	AfterID string
	// BeforeID walks backwards from this ID: a page's FirstID gives the
	// page before. At most one of AfterID and BeforeID may be given.
	BeforeID string
}

// query checks c and starts the list's query with it.
func (c Cursor) query() (query, error) { return c.queryUpTo(maxPageSize) }

// queryUpTo is query for a list whose largest page is maxLimit.
func (c Cursor) queryUpTo(maxLimit int) (query, error) {
	if c.AfterID != "" && c.BeforeID != "" {
		return nil, paramErr("after_id", "give AfterID or BeforeID, not both")
	}
	if err := checkLimit(c.Limit, maxLimit); err != nil {
		return nil, err
	}
	q := query{}
	q.str("after_id", c.AfterID)
	q.str("before_id", c.BeforeID)
	q.num("limit", c.Limit)
	return q, nil
}

// checkLimit refuses a page size outside [1, max]; zero means the default.
func checkLimit(limit, maxLimit int) error {
	if limit < 0 || limit > maxLimit {
		return paramErr("limit", "must be between 1 and %d (0 for the default), not %d", maxLimit, limit)
	}
	return nil
}

// PageCursor pages a list or report that pages by token (rate limits, the
// usage, cost and Claude Code reports). Each such list's params embed it.
type PageCursor struct {
	// Limit is the page size; 0 for the API's default. Its bounds are the
	// endpoint's, given in its params' doc.
	Limit int
	// Page resumes from a NextPage token of an earlier page.
	Page string
}

// query checks p against the endpoint's largest page and starts the list's
// query with it.
func (p PageCursor) query(maxLimit int) (query, error) {
	if err := checkLimit(p.Limit, maxLimit); err != nil {
		return nil, err
	}
	q := query{}
	q.num("limit", p.Limit)
	q.str("page", p.Page)
	return q, nil
}

// List is a lazy handle on a paginated list or report. Nothing is sent until
// All, Pages, Page or Collect is called, and each call starts from the first
// page again. A List whose parameters were invalid returns that error from
// the first call, before any request.
type List[T any] struct {
	client *Client
	path   string
	query  url.Values
	style  pageStyle
	opts   []Option
	err    error
}

// Page is one page of a list.
type Page[T any] struct {
	Data []T
	// HasMore tells whether the server has more in this direction. For
	// responses without has_more it tells whether a cursor came back.
	HasMore  bool
	FirstID  string // ID-cursor lists: pass as BeforeID for the previous page
	LastID   string // ID-cursor lists: pass as AfterID for the next page
	NextPage string // token-paged lists and reports: the next page's token
}

type pageWire[T any] struct {
	Data     []T     `json:"data"`
	HasMore  *bool   `json:"has_more"`
	FirstID  *string `json:"first_id"`
	LastID   *string `json:"last_id"`
	NextPage *string `json:"next_page"`
}

func newList[T any](c *Client, path string, q url.Values, style pageStyle, opts []Option) *List[T] {
	return &List[T]{client: c, path: path, query: q, style: style, opts: opts}
}

func failedList[T any](err error) *List[T] { return &List[T]{err: err} }

// All iterates over every item of every page, fetching pages as needed.
// Stopping the loop stops the fetching. After an error it yields nothing more.
func (l *List[T]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range l.Pages(ctx) {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// Collect returns every item of every page.
func (l *List[T]) Collect(ctx context.Context) ([]T, error) { return collect(l.All(ctx)) }

// collect gathers a sequence until its first error, returned with what came
// before it.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var all []T
	for item, err := range seq {
		if err != nil {
			return all, err
		}
		all = append(all, item)
	}
	return all, nil
}

// Range is a lazy handle on a report range of any length: the buckets (or
// records) of every window and page in it, each once, oldest first. It has
// the shape of List: nothing is sent until All or Collect is called, each
// call walks the range from its start again, and invalid parameters are the
// first error, before any request.
type Range[T any] struct {
	walk func(ctx context.Context) iter.Seq2[T, error]
}

// All iterates over the range, fetching as needed. Stopping the loop stops
// the fetching. After an error it yields nothing more.
func (r *Range[T]) All(ctx context.Context) iter.Seq2[T, error] { return r.walk(ctx) }

// Collect returns the whole range. A long range at a fine width holds many
// buckets: All hands them over as they come, for a caller that sums them.
func (r *Range[T]) Collect(ctx context.Context) ([]T, error) { return collect(r.All(ctx)) }

// Page fetches the first page only.
func (l *List[T]) Page(ctx context.Context) (*Page[T], error) {
	for page, err := range l.Pages(ctx) {
		return page, err
	}
	return nil, fmt.Errorf("admin: %s: no page", l.path)
}

// Pages iterates page by page. ID-cursor lists walk backwards when the
// params gave BeforeID. It stops on the last page, on an empty page, and with
// an error (rather than a loop) if the server repeats a cursor.
func (l *List[T]) Pages(ctx context.Context) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		if l.err != nil {
			yield(nil, l.err)
			return
		}
		q := url.Values{}
		for k, v := range l.query {
			q[k] = slices.Clone(v)
		}
		backward := l.style != pageToken && q.Get("before_id") != ""
		seen := map[string]bool{}
		for _, k := range []string{"after_id", "before_id", "page"} {
			if v := q.Get(k); v != "" {
				seen[v] = true
			}
		}
		for {
			var wire pageWire[T]
			if err := l.client.send(ctx, request{method: "GET", path: l.path, query: q}, &wire, l.opts); err != nil {
				yield(nil, err)
				return
			}
			page := &Page[T]{Data: wire.Data, FirstID: deref(wire.FirstID), LastID: deref(wire.LastID), NextPage: deref(wire.NextPage)}
			byToken := l.style == pageToken || (l.style == eitherCursor && page.NextPage != "")
			switch {
			case byToken:
				page.HasMore = page.NextPage != ""
			case backward:
				page.HasMore = page.FirstID != ""
			default:
				page.HasMore = page.LastID != ""
			}
			if wire.HasMore != nil {
				page.HasMore = *wire.HasMore
			}
			if !yield(page, nil) {
				return
			}
			if !page.HasMore || len(page.Data) == 0 {
				return
			}
			key, cursor := "page", page.NextPage
			if !byToken {
				key, cursor = "after_id", page.LastID
				if backward {
					key, cursor = "before_id", page.FirstID
				}
				q.Del("after_id")
				q.Del("before_id")
			}
			if cursor == "" {
				return
			}
			if seen[cursor] {
				yield(nil, fmt.Errorf("admin: GET %s: the server returned cursor %q twice; stopping rather than looping", l.path, cursor))
				return
			}
			seen[cursor] = true
			q.Set(key, cursor)
		}
	}
}

// List pages through the GET list endpoint at path, which the library may
// have no method for, as the typed lists do: nothing is sent until the list
// is used, each page's next_page is followed when the reply has one and its
// ID cursors otherwise (backwards from first_id when query has before_id),
// and a cursor the server returns twice is an error rather than a loop.
// path and query are as for Do, and an endpoint of the registry gets its
// beta values as with Do; each item is its JSON as sent.
func (c *Client) List(path string, query url.Values, opts ...Option) *List[json.RawMessage] {
	if !strings.HasPrefix(path, "/") {
		return failedList[json.RawMessage](paramErr("path", "%q must start with /", path))
	}
	q := url.Values{}
	for k, v := range query {
		q[k] = slices.Clone(v)
	}
	if ep, ok := LookupEndpoint("GET", path); ok {
		opts = withBetas(opts, ep.Betas...) // as Do sends them
	}
	return newList[json.RawMessage](c, path, q, eitherCursor, opts)
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
