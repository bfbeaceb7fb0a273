// Package exporter is a Prometheus exporter for the Anthropic Admin API:
// spend, tokens, Claude Code activity, budget and inventory of one or more
// organizations, labelled with names beside IDs.
//
// Data is read in the background, at each tick of a ticker the caller
// gives (every 5 minutes in anthropic-admin exporter), never when
// Prometheus scrapes: a scrape serves the last refresh and sends nothing
// to the API. A failed refresh keeps the values of the last good one,
// counts the error and sets the staleness gauge. Values are recomputed from
// the API's current answer for their window at every refresh, so a late
// bucket changes a gauge rather than adding to it. Money stays exact
// (decimal cents, [report.Ratio]) until a scrape writes it as a float.
//
//	e, err := exporter.New([]exporter.Target{{Organization: "acme", ClientOptions: opts}}, exporter.Options{})
//	go e.Run(ctx, time.NewTicker(5*time.Minute).C)
//	http.ListenAndServe("127.0.0.1:9464", e.Handler())
package exporter

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/anthropic-admin-go/admin"
)

// DefaultTopKeys is how many API keys get series of their own unless
// Options.TopKeys says otherwise.
const DefaultTopKeys = 10

// Target is one organization to export.
type Target struct {
	// Organization is the organization label of its series. "" takes the
	// organization's name from the API at the first refresh that can read
	// it ("" until then).
	Organization string
	// ClientOptions make its client: credentials and base URL. The
	// exporter adds its own HTTP client, which counts the requests.
	ClientOptions []admin.Option
	// HTTPClient sends its requests; nil for http.DefaultClient.
	HTTPClient *http.Client
	// Budget is its monthly budget in cents; nil for none.
	Budget *admin.Amount
}

// Options are the exporter's settings; the zero value is usable.
type Options struct {
	// TopKeys is how many API keys, by spend, keep series of their own;
	// the rest are summed as api_key_id "other". 0 means DefaultTopKeys.
	TopKeys int
	// Now is the clock; nil for time.Now.
	Now func() time.Time
	// Logger gets a line per failed refresh; nil for none.
	Logger *slog.Logger
	// RefreshTimeout bounds the refresh of one organization, so that an
	// API that stops answering fails the refresh rather than stall every
	// later one; 0 means DefaultRefresh.
	RefreshTimeout time.Duration
	// AfterRefresh, when set, is called after each round of refreshes
	// that Run does (tests wait on it).
	AfterRefresh func()
}

// Exporter reads organizations into Prometheus metrics.
type Exporter struct {
	opts     Options
	orgs     []*org
	registry *prometheus.Registry

	errors   *prometheus.CounterVec
	requests *prometheus.CounterVec
}

// org is one target and what the last refreshes of it found.
type org struct {
	target Target
	client *admin.Client

	mu          sync.RWMutex
	name        string
	unnamed     map[[2]string]int // requests counted before the name was known
	data        *snapshot         // the last good refresh; nil before one
	stale       bool
	lastSuccess time.Time
	duration    time.Duration
}

// named sets the organization's name, starts its error count at 0 and
// counts the requests sent before the name was known under it.
func (o *org) named(name string, e *Exporter) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.name = name
	e.errors.WithLabelValues(name)
	for k, n := range o.unnamed {
		e.requests.WithLabelValues(name, k[0], k[1]).Add(float64(n))
	}
	o.unnamed = nil
}

// count counts a request under the organization's name, or keeps it until
// the name is known.
func (o *org) count(requests *prometheus.CounterVec, endpoint, status string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.name == "" {
		if o.unnamed == nil {
			o.unnamed = map[[2]string]int{}
		}
		o.unnamed[[2]string{endpoint, status}]++
		return
	}
	requests.WithLabelValues(o.name, endpoint, status).Inc()
}

func (o *org) label() string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.name
}

// New makes an exporter of targets; nothing is sent until Refresh or Run.
func New(targets []Target, opts Options) (*Exporter, error) {
	if len(targets) == 0 {
		return nil, errors.New("exporter: no organization to export")
	}
	if opts.TopKeys < 0 {
		return nil, fmt.Errorf("exporter: top keys %d: give a positive number", opts.TopKeys)
	}
	if opts.TopKeys == 0 {
		opts.TopKeys = DefaultTopKeys
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RefreshTimeout <= 0 {
		opts.RefreshTimeout = DefaultRefresh
	}
	e := &Exporter{opts: opts, registry: prometheus.NewRegistry(),
		errors:   prometheus.NewCounterVec(prometheus.CounterOpts{Name: hErrors.Name, Help: hErrors.Help}, []string{"organization"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: hRequests.Name, Help: hRequests.Help}, []string{"organization", "endpoint", "status"}),
	}
	seen := map[string]bool{}
	for i, t := range targets {
		if t.Organization != "" && seen[t.Organization] {
			return nil, fmt.Errorf("exporter: organization %q is given twice", t.Organization)
		}
		seen[t.Organization] = true
		o := &org{target: t}
		if t.Organization != "" {
			o.named(t.Organization, e)
		}
		hc := t.HTTPClient
		if hc == nil {
			hc = http.DefaultClient
		}
		counted := *hc
		counted.Transport = countingTransport{next: transportOf(hc), org: o, requests: e.requests}
		c, err := admin.NewClient(append(append([]admin.Option{}, t.ClientOptions...), admin.WithHTTPClient(&counted))...)
		if err != nil {
			return nil, fmt.Errorf("exporter: organization %d (%s): %w", i+1, t.Organization, err)
		}
		o.client = c
		e.orgs = append(e.orgs, o)
	}
	e.registry.MustRegister(collector{e}, e.errors, e.requests,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return e, nil
}

func transportOf(hc *http.Client) http.RoundTripper {
	if hc.Transport != nil {
		return hc.Transport
	}
	return http.DefaultTransport
}

// Registry is the registry the exporter's metrics are in, for serving them
// some other way or adding to them.
func (e *Exporter) Registry() *prometheus.Registry { return e.registry }

// Refresh reads every organization once, one after another, and returns
// the errors of those that failed (their previous values are kept).
func (e *Exporter) Refresh(ctx context.Context) error {
	var errs []error
	for _, o := range e.orgs {
		if err := e.refresh(ctx, o); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (e *Exporter) refresh(ctx context.Context, o *org) error {
	start := e.opts.Now()
	ctx, cancel := context.WithTimeout(ctx, e.opts.RefreshTimeout)
	defer cancel()
	err := func() error {
		if o.label() == "" {
			info, err := o.client.Organization.Get(ctx)
			if err != nil {
				return err
			}
			o.named(info.Name, e)
		}
		r := newRefresher(o.client, start, e.opts.TopKeys, o.target.Budget)
		if err := r.run(ctx); err != nil {
			return err
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		o.data, o.stale, o.lastSuccess = &r.out, false, e.opts.Now()
		o.duration = o.lastSuccess.Sub(start)
		return nil
	}()
	if err != nil {
		name := o.label()
		e.errors.WithLabelValues(name).Inc()
		o.mu.Lock()
		o.stale, o.duration = true, e.opts.Now().Sub(start)
		o.mu.Unlock()
		if e.opts.Logger != nil {
			e.opts.Logger.Warn("refresh failed; keeping the last values", "organization", name, "error", err)
		}
		return fmt.Errorf("organization %q: %w", name, err)
	}
	return nil
}

// Run refreshes every organization now and then at each tick, until ctx
// ends. A failed refresh is logged and counted; Run never stops on one.
func (e *Exporter) Run(ctx context.Context, ticks <-chan time.Time) {
	for {
		e.Refresh(ctx) //nolint:errcheck // counted and logged per organization
		if e.opts.AfterRefresh != nil {
			e.opts.AfterRefresh()
		}
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
	}
}

// Handler serves /metrics (Prometheus text or OpenMetrics, as the scraper
// asks), /healthz and, at /, a page linking them.
func (e *Exporter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(e.registry, promhttp.HandlerOpts{EnableOpenMetrics: true}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>anthropic-admin exporter</title></head><body>
<h1>anthropic-admin exporter</h1>
<p>Spend, tokens, Claude Code activity and inventory of `)
		for i, o := range e.orgs {
			if i > 0 {
				fmt.Fprint(w, ", ")
			}
			fmt.Fprint(w, html.EscapeString(strconv.Quote(o.label())))
		}
		fmt.Fprint(w, `, from the Anthropic Admin API.</p>
<ul><li><a href="metrics">/metrics</a>: the metrics</li><li><a href="healthz">/healthz</a>: liveness</li></ul>
</body></html>
`)
	})
	return mux
}

// collector serves every organization's last snapshot and health gauges.
// It sends nothing to the API.
type collector struct{ e *Exporter }

func (c collector) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range dataMetrics {
		ch <- m.desc
	}
	for _, m := range []*metric{hLastSuccess, hDuration, hStale} {
		ch <- m.desc
	}
}

func (c collector) Collect(ch chan<- prometheus.Metric) {
	for _, o := range c.e.orgs {
		o.mu.RLock()
		name, data := o.name, o.data
		stale := 0.0
		if o.stale {
			stale = 1
		}
		last := 0.0
		if !o.lastSuccess.IsZero() {
			last = float64(o.lastSuccess.UnixNano()) / 1e9
		}
		ch <- prometheus.MustNewConstMetric(hLastSuccess.desc, prometheus.GaugeValue, last, name)
		ch <- prometheus.MustNewConstMetric(hDuration.desc, prometheus.GaugeValue, o.duration.Seconds(), name)
		ch <- prometheus.MustNewConstMetric(hStale.desc, prometheus.GaugeValue, stale, name)
		o.mu.RUnlock()
		if data == nil {
			continue
		}
		for _, s := range data.samples {
			v, _ := s.value.Float64() // the one place a value becomes a float
			ch <- prometheus.MustNewConstMetric(s.m.desc, prometheus.GaugeValue, v, append([]string{name}, s.labels...)...)
		}
	}
}

// countingTransport counts each request by endpoint and status.
type countingTransport struct {
	next     http.RoundTripper
	org      *org
	requests *prometheus.CounterVec
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	endpoint := "unknown"
	if ep, ok := admin.LookupEndpoint(req.Method, req.URL.Path); ok {
		endpoint = ep.ID
	}
	status := "error"
	if err == nil {
		status = strconv.Itoa(resp.StatusCode)
	}
	t.org.count(t.requests, endpoint, status)
	return resp, err
}
