package admin

import (
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// Bodies that are not JSON: a file the API answers with (Download), and
// multipart forms that upload files (multipartBody). Both go through the
// same request path as every call (exchange in request.go): credential,
// headers, retries and error decoding are the same.

// Download is a file the API answers with, such as a plugin version's
// archive: read it as it arrives and close it when done. Nothing of it is
// held in memory by the library. Until it is closed the connection stays
// busy, and a timeout set with WithRequestTimeout keeps running over the
// reading too.
type Download struct {
	io.ReadCloser
	// ContentType is the Content-Type the server gave, "" for none.
	ContentType string
	// ContentLength is the size the server announced, or -1 when it did
	// not say.
	ContentLength int64
	// Header holds every header of the answer.
	Header http.Header
}

// DoRaw sends a request to any Admin API endpoint like Do, but hands over
// the answer's body as it arrives instead of decoding it: for endpoints that
// answer with a file rather than JSON (Accept: application/binary). An error
// status is decoded into an *APIError as with Do, and retries happen only
// before the body is handed over. The caller must close the Download.
func (c *Client) DoRaw(ctx context.Context, method, path string, query url.Values, opts ...Option) (*Download, error) {
	if !strings.HasPrefix(path, "/") {
		return nil, paramErr("path", "%q must start with /", path)
	}
	create := method == http.MethodPost
	if ep, ok := LookupEndpoint(method, path); ok {
		create = ep.Create
		opts = withBetas(opts, ep.Betas...)
	}
	return c.download(ctx, request{method: method, path: path, query: query, create: create}, opts)
}

// download sends r and hands over its successful body unread.
func (c *Client) download(ctx context.Context, r request, opts []Option) (*Download, error) {
	r.binary = true
	res, err := c.exchange(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	body := res.stream.(*attemptBody)
	return &Download{ReadCloser: body, ContentType: res.header.Get("Content-Type"), ContentLength: body.length, Header: res.header}, nil
}

// File is one file of an upload: its name and its content, read once while
// it is sent. Name is the file's path within what is uploaded (a plugin's
// files: "skills/review-pr/SKILL.md"), or the archive's name.
type File struct {
	Name    string
	Content io.Reader
}

// multipartBody is a multipart/form-data request body that is written while
// it is sent, through a pipe, so that no file is held in memory. A retry can
// send it again only while none of the caller's readers has been read:
// after that its first bytes are gone.
type multipartBody struct {
	fields [][2]string // text fields, name and value, in order
	files  []formFile
	read   atomic.Int64  // bytes taken from the caller's readers, over all attempts
	done   chan struct{} // closed when the latest attempt's writer has stopped
}

type formFile struct {
	field string
	file  File
}

func (m *multipartBody) field(name, value string) {
	if value != "" {
		m.fields = append(m.fields, [2]string{name, value})
	}
}

// open starts writing the body for one attempt and returns the reading end
// with its content type. The attempt closes the reader when it is over,
// which stops the writer.
func (m *multipartBody) open() (io.ReadCloser, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	done := make(chan struct{})
	m.done = done
	go func() {
		defer close(done)
		pw.CloseWithError(m.write(mw))
	}()
	return pr, mw.FormDataContentType()
}

func (m *multipartBody) write(mw *multipart.Writer) error {
	for _, f := range m.fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	for _, f := range m.files {
		w, err := mw.CreateFormFile(f.field, f.file.Name)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, countingReader{f.file.Content, &m.read}); err != nil {
			return err
		}
	}
	return mw.Close()
}

// untouched reports whether none of the caller's data has been read, so
// that the body can be written again whole.
func (m *multipartBody) untouched() bool { return m.read.Load() == 0 }

// wait returns once the latest attempt's writer has stopped: after it, the
// caller's readers are no longer in use.
func (m *multipartBody) wait() {
	if m.done != nil {
		<-m.done
	}
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
