package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestFakeServerServesTheAPI(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fake-server", "--listen", "127.0.0.1:0", "--seed", "empty", "--admin-key", "sk-ant-admin01-cli"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	addr := regexp.MustCompile(`http://\S+`).FindString(line)
	if addr == "" {
		t.Fatalf("no address in %q", line)
	}
	req, _ := http.NewRequest("GET", addr+"/v1/organizations/me", nil)
	req.Header.Set("x-api-key", "sk-ant-admin01-cli")
	req.Header.Set("anthropic-version", "2023-06-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"type":"organization"`) {
		t.Errorf("GET /me = %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit code %d after shutdown", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("fake-server did not stop when its context ended")
	}
}

func TestBadUsageExitsTwo(t *testing.T) {
	for _, args := range [][]string{nil, {"nope"}, {"fake-server", "--seed", "weird"}, {"fake-server", "--bogus"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
