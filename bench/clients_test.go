package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"sync"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/anthropic-admin-go/admin"
)

// sharedHTTP is the one HTTP client all three use, with keep-alive, so that
// connection setup is paid once and the transport is not what is measured.
var sharedHTTP = &http.Client{Transport: &http.Transport{MaxIdleConns: 16, MaxIdleConnsPerHost: 8}}

// ours returns the library's client for base (fx.FakeURL or fx.ExtraURL),
// with its defaults except the shared HTTP client.
func ours(base string) *admin.Client {
	c, err := admin.NewClient(admin.WithBaseURL(base), admin.WithAPIKey(fx.AdminKey), admin.WithHTTPClient(sharedHTTP))
	if err != nil {
		panic(err)
	}
	return c
}

// sdk and sdkExtra return the official SDK's client for the fake and for
// the static pages, with its defaults except the shared HTTP client and
// nothing read from the environment.
var (
	sdk      = sync.OnceValue(func() anthropic.Client { return sdkAt(fx.FakeURL) })
	sdkExtra = sync.OnceValue(func() anthropic.Client { return sdkAt(fx.ExtraURL) })
)

func sdkAt(base string, credential ...option.RequestOption) anthropic.Client {
	if len(credential) == 0 {
		credential = []option.RequestOption{option.WithAPIKey(fx.AdminKey)}
	}
	return anthropic.NewClient(append([]option.RequestOption{option.WithoutEnvironmentDefaults(), option.WithBaseURL(base),
		option.WithHTTPClient(sharedHTTP)}, credential...)...)
}

// sdkOAuth is the SDK's client for the fake with its OAuth token.
var sdkOAuth = sync.OnceValue(func() anthropic.Client { return sdkAt(fx.FakeURL, option.WithAuthToken(fx.OAuthToken)) })

// baseline is the floor: what a careful programmer writes by hand with
// net/http and encoding/json, decoding into the library's own types. It
// has no retries, no options, no error types and no cursor checks. With
// token set it sends that OAuth token instead of the admin key.
type baseline struct{ base, token string }

// do sends one request and decodes a 200 answer into out.
func (c baseline) do(ctx context.Context, method, path string, q url.Values, body, out any) error {
	target := c.base + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	} else {
		req.Header.Set("X-Api-Key", fx.AdminKey)
	}
	req.Header.Set("Anthropic-Version", "2023-06-01")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := sharedHTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, data)
	}
	return json.Unmarshal(data, out)
}

// page is one page of any list, as the baseline decodes it.
type page[T any] struct {
	Data     []T     `json:"data"`
	HasMore  bool    `json:"has_more"`
	LastID   string  `json:"last_id"`
	NextPage *string `json:"next_page"`
}

// each walks an ID-cursor list page by page and calls f for every item.
func each[T any](ctx context.Context, c baseline, path string, q url.Values, f func(*T)) error {
	q = maps.Clone(q) // Set below replaces values; it never changes the caller's slices
	for {
		var p page[T]
		if err := c.do(ctx, "GET", path, q, nil, &p); err != nil {
			return err
		}
		for i := range p.Data {
			f(&p.Data[i])
		}
		if !p.HasMore || p.LastID == "" {
			return nil
		}
		q.Set("after_id", p.LastID)
	}
}

// countPages walks a token-paged list (next_page, no has_more) the
// baseline's way and counts its items.
func countPages[T any](ctx context.Context, c baseline, path string, q url.Values) (int, error) {
	q = maps.Clone(q)
	n := 0
	for {
		var p page[T]
		if err := c.do(ctx, "GET", path, q, nil, &p); err != nil {
			return n, err
		}
		n += len(p.Data)
		if p.NextPage == nil || *p.NextPage == "" {
			return n, nil
		}
		q.Set("page", *p.NextPage)
	}
}

// floorReport fetches one report page the baseline's way.
func floorReport[R any](ctx context.Context, path string, q url.Values) ([]admin.ReportBucket[R], error) {
	var p page[admin.ReportBucket[R]]
	err := baseline{base: fx.ExtraURL}.do(ctx, "GET", path, q, nil, &p)
	return p.Data, err
}

func countResults[R any](buckets []admin.ReportBucket[R]) int {
	n := 0
	for _, b := range buckets {
		n += len(b.Results)
	}
	return n
}

// countAll walks a list of the library to its end.
func countAll[T any](ctx context.Context, l *admin.List[T]) (int, error) {
	n := 0
	for _, err := range l.All(ctx) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// countEach walks a list the baseline's way.
func countEach[T any](ctx context.Context, c baseline, path string, q url.Values) (int, error) {
	n := 0
	err := each(ctx, c, path, q, func(*T) { n++ })
	return n, err
}

// countPager walks an auto-pager of the SDK to its end.
func countPager(p interface {
	Next() bool
	Err() error
}) (int, error) {
	n := 0
	for p.Next() {
		n++
	}
	return n, p.Err()
}

// wantCount fails on err or unless a walk yielded expected items.
func wantCount(what string, n int, err error, expected int) error {
	if err != nil {
		return err
	}
	return want(what, n, expected)
}
