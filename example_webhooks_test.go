package admin_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin-go/admin"
)

// A receiver checks each delivery against its endpoint's signing secret
// before it trusts the event, reading the body exactly as it came.
func ExampleVerifyWebhook() {
	secret := "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" // from Webhooks.Create; keep it out of source in real code
	receiver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "unreadable", http.StatusBadRequest)
			return
		}
		event, err := admin.VerifyWebhook(secret, r.Header, body)
		if err != nil {
			http.Error(w, "not signed by Anthropic", http.StatusUnauthorized)
			return
		}
		fmt.Println(event.Type, event.ID, string(event.Data))
		w.WriteHeader(http.StatusNoContent)
	})

	// A delivery as the sender makes it.
	body := `{"type":"external_key.failed","timestamp":"2026-11-20T15:30:00Z","data":{"external_key_id":"ekey_01"}}`
	s, _ := admin.ParseWebhookSecret(secret)
	now := time.Now()
	sig, _ := s.Sign("msg_01", now, []byte(body))
	req := httptest.NewRequest("POST", "/anthropic", strings.NewReader(body))
	req.Header.Set("webhook-id", "msg_01")
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("webhook-signature", sig)
	rec := httptest.NewRecorder()
	receiver.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// external_key.failed msg_01 {"external_key_id":"ekey_01"}
	// 204
}
