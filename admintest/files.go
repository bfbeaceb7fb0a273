package admintest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Bodies that are not JSON: multipart uploads the fake reads, and files it
// answers with.

// maxUpload bounds what one upload may hold, all files together: the
// API's limit on a marketplace archive (32 MB), which the fake applies to
// every upload so that its stored archives stay bounded.
var maxUpload int64 = 32 << 20

// uploadForm is a multipart/form-data body: its text fields and its files.
type uploadForm struct {
	fields map[string][]string
	files  []uploadedFile
}

// uploadedFile is one file part: the part's name, the file's name and its
// bytes.
type uploadedFile struct {
	field, name string
	data        []byte
}

func (f *uploadForm) value(name string) string {
	if v := f.fields[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// filesOf returns the files sent in the parts named field.
func (f *uploadForm) filesOf(field string) []uploadedFile {
	var out []uploadedFile
	for _, file := range f.files {
		if file.field == field {
			out = append(out, file)
		}
	}
	return out
}

// readUpload reads a multipart/form-data body, refusing a charset the API
// does not read and a body larger than maxUpload. Any other body is left
// for the handler: nil, nil.
func readUpload(r *http.Request) (*uploadForm, *apiError) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return nil, nil
	}
	switch cs := strings.ToLower(params["charset"]); cs {
	case "", "utf-8", "iso-8859-1", "us-ascii":
	default:
		return nil, &apiError{status: http.StatusBadRequest, typ: "invalid_request_error", code: "unsupported_charset",
			msg: "Content-Type: charset " + strconv.Quote(cs) + " is not supported; send UTF-8"}
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errInvalid("request body: not a multipart form: %v", err)
	}
	form := &uploadForm{fields: map[string][]string{}}
	left := maxUpload
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return form, nil
		}
		if err != nil {
			return nil, errInvalid("request body: malformed multipart form: %v", err)
		}
		data, err := io.ReadAll(io.LimitReader(part, left+1))
		if err != nil {
			return nil, errInvalid("request body: malformed multipart form: %v", err)
		}
		if left -= int64(len(data)); left < 0 {
			return nil, &apiError{status: http.StatusRequestEntityTooLarge, typ: "request_too_large",
				msg: "request body: the upload is larger than " + strconv.FormatInt(maxUpload>>20, 10) + " MB"}
		}
		// The file name is a path within the upload: Part.FileName would
		// keep only its last element.
		_, disposition, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		name, isFile := disposition["filename"]
		if !isFile {
			form.fields[part.FormName()] = append(form.fields[part.FormName()], string(data))
			continue
		}
		form.files = append(form.files, uploadedFile{field: part.FormName(), name: name, data: data})
	}
}

// requireForm refuses a request to an upload endpoint that is not a
// multipart form.
func (c *call) requireForm() (*uploadForm, *apiError) {
	if c.form == nil {
		return nil, errInvalid("Content-Type: this endpoint takes multipart/form-data")
	}
	return c.form, nil
}

// fileBody is a handler's answer that is a file: sent as its bytes with
// its content type and length, not encoded as JSON. data is never changed
// once stored, so it is written after the state is unlocked.
type fileBody struct {
	contentType string
	data        []byte
}

func (b *fileBody) serve(w http.ResponseWriter) {
	w.Header().Set("Content-Type", b.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b.data)))
	w.WriteHeader(http.StatusOK)
	io.Copy(w, bytes.NewReader(b.data))
}
