package admin_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// TestDownloadStreams downloads a body far larger than the client's limit
// on a JSON answer and than what the download may allocate: the bytes go
// straight from the connection to the reader's caller.
func TestDownloadStreams(t *testing.T) {
	const size = 64 << 20
	restore := admin.SetMaxResponseBody(1 << 20) // a JSON answer may hold 1 MB
	defer restore()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "application/binary" || !strings.Contains(r.Header.Get("Anthropic-Beta"), admin.BetaPlugins) {
			http.Error(w, "bad headers", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		io.Copy(w, &patterned{n: size})
	}))
	defer srv.Close()
	c, err := admin.NewClient(admin.WithAPIKey("sk-ant-admin01-test"), admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	var bad atomic.Bool
	alloc := allocated(func() {
		d, err := c.Plugins.Versions.Download(context.Background(), admin.PluginVersionRef{PluginID: "plugin_1", Version: "latest"}, admin.PluginReadParams{})
		if err != nil {
			t.Error(err)
			return
		}
		defer d.Close()
		if d.ContentLength != size || d.ContentType != "application/zip" {
			t.Errorf("length %d, type %q", d.ContentLength, d.ContentType)
		}
		buf := make([]byte, 32<<10)
		for {
			k, err := d.Read(buf)
			for i := range k {
				if buf[i] != byte((n+int64(i))%251) {
					bad.Store(true)
				}
			}
			n += int64(k)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	})
	if n != size || bad.Load() {
		t.Fatalf("read %d bytes (corrupt: %v), want %d intact", n, bad.Load(), size)
	}
	if alloc > 8<<20 {
		t.Errorf("downloading %d MB allocated %d MB: the body is being held", size>>20, alloc>>20)
	}
}

// TestDownloadErrorsAndRetries: an error status is an *APIError decoded
// like any other, and a failure before the body is handed over is retried.
func TestDownloadErrorsAndRetries(t *testing.T) {
	api := newFakeAPI(t,
		reply{Status: 500, Body: `{"type":"error","error":{"type":"api_error","message":"boom"}}`},
		reply{Status: 200, Header: map[string]string{"Content-Type": "application/zip"}, Body: "PK-archive"})
	d, err := api.client().Plugins.Versions.Download(context.Background(), admin.PluginVersionRef{PluginID: "plugin_1", Version: "pluginver_1"}, admin.PluginReadParams{OrganizationID: "org_1"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(d)
	d.Close()
	reqs := api.requests()
	if string(data) != "PK-archive" || len(reqs) != 2 || reqs[1].Query.Get("organization_id") != "org_1" {
		t.Errorf("got %q after %d requests", data, len(reqs))
	}

	api = newFakeAPI(t, reply{Status: 404, Body: `{"type":"error","error":{"type":"not_found_error","message":"no such version"}}`})
	_, err = api.client().DoRaw(context.Background(), "GET", "/v1/organizations/plugins/plugin_1/versions/v/content", nil)
	var apiErr *admin.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || !errors.Is(err, admin.ErrNotFound) {
		t.Fatalf("err = %v, want the 404", err)
	}
	if b := api.requests()[0].Header.Get("Anthropic-Beta"); !strings.Contains(b, admin.BetaPlugins) {
		t.Errorf("DoRaw of a registry endpoint sent betas %q", b)
	}
}

// TestUploadStreams uploads a file far larger than the upload may allocate,
// and the server reads it whole, byte for byte, in the part the API reads.
func TestUploadStreams(t *testing.T) {
	const size = 48 << 20
	var got atomic.Int64
	var problem atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break
			}
			if part.FormName() != "archive" {
				problem.Store("part " + part.FormName())
			}
			want := &patterned{n: size}
			buf, wbuf := make([]byte, 32<<10), make([]byte, 32<<10)
			for {
				k, err := part.Read(buf)
				want.Read(wbuf[:k])
				if string(buf[:k]) != string(wbuf[:k]) {
					problem.Store("corrupt")
				}
				got.Add(int64(k))
				if err != nil {
					break
				}
			}
		}
		io.WriteString(w, `{"type":"plugin_marketplace_validation_report","valid":true}`)
	}))
	defer srv.Close()
	c, err := admin.NewClient(admin.WithAPIKey("sk-ant-admin01-test"), admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	alloc := allocated(func() {
		rep, err := c.PluginMarketplaces.ValidateArchive(context.Background(), admin.File{Name: "big.zip", Content: &patterned{n: size}})
		if err != nil || !rep.Valid {
			t.Errorf("report %v, %v", rep, err)
		}
	})
	if got.Load() != size || problem.Load() != nil {
		t.Fatalf("server read %d bytes (%v), want %d", got.Load(), problem.Load(), size)
	}
	if alloc > 8<<20 {
		t.Errorf("uploading %d MB allocated %d MB: the body is being held", size>>20, alloc>>20)
	}
}

// TestUploadIsNotResentOnceRead fails uploads in the middle, with a closed
// connection and with an error status the client would otherwise retry:
// neither is sent again, create or not, since the caller's reader has
// been read.
func TestUploadIsNotResentOnceRead(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.ReadFull(r.Body, make([]byte, 256<<10))
		if r.Header.Get("X-Fail") == "drop" { // the connection drops mid-upload
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"busy"}}`)
	}))
	defer srv.Close()
	noSleep := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	uploads := map[string]func(c *admin.Client, f admin.File) error{
		"validate archive": func(c *admin.Client, f admin.File) error {
			_, err := c.PluginMarketplaces.ValidateArchive(context.Background(), f)
			return err
		},
		"version": func(c *admin.Client, f admin.File) error {
			_, err := c.Plugins.Versions.Create(context.Background(), "plugin_1", admin.PluginVersionCreateParams{Files: []admin.File{f}})
			return err
		},
	}
	for _, mode := range []string{"drop", "status"} {
		for name, upload := range uploads {
			t.Run(mode+"/"+name, func(t *testing.T) {
				hits.Store(0)
				c, err := admin.NewClient(admin.WithAPIKey("sk-ant-admin01-test"), admin.WithBaseURL(srv.URL),
					admin.WithRetrySleep(noSleep), admin.WithHeader("X-Fail", mode))
				if err != nil {
					t.Fatal(err)
				}
				content := &patterned{n: 8 << 20}
				err = upload(c, admin.File{Name: "plugin.zip", Content: content})
				var te *admin.TransportError
				var ae *admin.APIError
				failed := errors.As(err, &te) || (errors.As(err, &ae) && ae.StatusCode == http.StatusServiceUnavailable)
				if !failed || hits.Load() != 1 || content.off == 0 {
					t.Errorf("err %v after %d requests, %d bytes read; want the failure of the one request", err, hits.Load(), content.off)
				}
			})
		}
	}
}

// failFirst fails the first request before anything of it is sent, as a
// refused connection does.
type failFirst struct{ n atomic.Int32 }

func (f *failFirst) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.n.Add(1) == 1 {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, errors.New("connection refused")
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestUploadIsResentWhileUnread: an upload that failed before any of it
// was read is sent again, whole, even a create.
func TestUploadIsResentWhileUnread(t *testing.T) {
	srv, _ := newDemoFake(t)
	c := srv.Client(admin.WithHTTPClient(&http.Client{Transport: &failFirst{}}))
	p, err := c.Plugins.Create(context.Background(), admin.PluginCreateParams{Files: pluginFiles("retry-me", "1.0.0")})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "retry-me" || len(p.Components) != 1 {
		t.Errorf("created = %s", p.RawJSON())
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Status != http.StatusOK {
		t.Errorf("the fake saw %v, want the one whole retry", reqs)
	}
}
