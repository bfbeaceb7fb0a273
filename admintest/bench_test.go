package admintest_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/anthropic-admin-go/admin/admintest"
)

// BenchmarkUsersListOverLoopback measures how many GET
// /v1/organizations/users?limit=100 the fake answers per second over a real
// loopback connection, with 1,000 members in the organization.
func BenchmarkUsersListOverLoopback(b *testing.B) {
	srv := admintest.NewServer()
	defer srv.Close()
	for i := range 1000 {
		srv.AddUser(fmt.Sprintf("user%04d@example.com", i), fmt.Sprintf("User %d", i), "developer")
	}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/organizations/users?limit=100", nil)
	req.Header.Set("x-api-key", srv.AdminKey())
	req.Header.Set("anthropic-version", "2023-06-01")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || n < 10000 {
			b.Fatalf("status %d, %d bytes", resp.StatusCode, n)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
