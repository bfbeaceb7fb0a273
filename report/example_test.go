package report_test

import (
	"cmp"
	"context"
	"fmt"
	"log"
	"time"

	"github.com/anthropic-admin-go/admin"
	"github.com/anthropic-admin-go/admin/admintest"
	"github.com/anthropic-admin-go/admin/report"
)

// demoClient is a client on the built-in fake with its demo organization,
// stopped at a fixed time so the examples always print the same numbers.
func demoClient(now time.Time) (*admin.Client, func()) {
	srv := admintest.NewServer(admintest.WithSeed(admintest.Demo()), admintest.WithClock(func() time.Time { return now }))
	return srv.Client(), srv.Close
}

func ExampleSummarizeCost() {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	client, stop := demoClient(now)
	defer stop()
	ctx := context.Background()

	// The last 7 whole days and today so far, grouped by line item so that
	// the model of each cost is known.
	r, err := admin.ParseTimeRange("7d", "", "", now)
	if err != nil {
		log.Fatal(err)
	}
	var buckets []admin.CostBucket
	params := admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End, GroupBy: []admin.CostGroupBy{admin.CostGroupByDescription}}
	for b, err := range client.Cost.ReportRange(params).All(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		buckets = append(buckets, b)
	}
	s, err := report.SummarizeCost(buckets, report.CostFieldModel, now)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range s.Groups {
		model := g.Key
		if model == "" {
			model = "(not a model: web search, code execution)"
		}
		fmt.Printf("%-42s $%9s\n", model, g.Total.DollarString(2))
	}
	fmt.Printf("%-42s $%9s\n", "total", s.Total.DollarString(2))
	for i, p := range s.Periods {
		mark := ""
		if !p.Final {
			mark = " (so far, not final)"
		}
		fmt.Printf("%s $%8s%s\n", p.Start.Format(time.DateOnly), s.Series[i].DollarString(2), mark)
	}
	// Output:
	// claude-sonnet-4-6                          $ 13251.96
	// claude-opus-4-6                            $  7726.25
	// claude-haiku-4-5                           $  1135.55
	// claude-sonnet-4-5                          $   557.27
	// (not a model: web search, code execution)  $   309.96
	// total                                      $ 22980.99
	// 2026-11-13 $ 2685.79
	// 2026-11-14 $ 1200.71
	// 2026-11-15 $ 1114.95
	// 2026-11-16 $ 3135.95
	// 2026-11-17 $ 6864.76
	// 2026-11-18 $ 3151.22
	// 2026-11-19 $ 3204.50
	// 2026-11-20 $ 1623.11 (so far, not final)
}

func ExampleForecastMonth() {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	client, stop := demoClient(now)
	defer stop()

	// The forecast needs the month so far and the week before today.
	r := report.ForecastRange(now)
	var buckets []admin.CostBucket
	for b, err := range client.Cost.ReportRange(admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End}).All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		buckets = append(buckets, b)
	}
	f, err := report.ForecastMonth(buckets, now)
	if err != nil {
		log.Fatal(err)
	}
	budget, err := admin.ParseDollars("75000")
	if err != nil {
		log.Fatal(err)
	}
	status, err := f.CheckBudget(budget)
	if err != nil {
		log.Fatal(err)
	}

	fmt.Printf("month to date:  $%s\n", f.MonthToDate.DollarString(2))
	fmt.Printf("daily average:  $%s (%s to %s)\n", f.DailyAverage.DollarString(2),
		f.Trailing.Start.Format(time.DateOnly), f.Trailing.End.AddDate(0, 0, -1).Format(time.DateOnly))
	fmt.Printf("days left:      %s\n", f.RemainingDays.Round(2))
	fmt.Printf("projected:      $%s\n", f.Projected.DollarString(2))
	fmt.Printf("budget $%s: %s%% used, %s%% projected, over: %v, projected over: %v\n",
		status.Budget.DollarString(0), status.UsedShare.Percent(1), status.ProjectedShare.Percent(1), status.Over, status.ProjectedOver)
	// Output:
	// month to date:  $53019.18
	// daily average:  $3051.13 (2026-11-13 to 2026-11-19)
	// days left:      10.35
	// projected:      $84611.05
	// budget $75000: 70.7% used, 112.8% projected, over: false, projected over: true
}

// A summarizer is fed each bucket as it arrives, so nothing holds the
// range: here the spend by workspace over the range the forecast needs
// (on November 20th, the month so far), and the forecast from the same
// summary.
func ExampleCostSummarizer() {
	now := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	client, stop := demoClient(now)
	defer stop()

	sum, err := report.NewCostSummarizer(report.CostFieldWorkspaceID, now)
	if err != nil {
		log.Fatal(err)
	}
	r := report.ForecastRange(now)
	params := admin.CostReportParams{StartingAt: r.Start, EndingAt: r.End, GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}
	for b, err := range client.Cost.ReportRange(params).All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		if err := sum.Add(b); err != nil {
			log.Fatal(err)
		}
	}
	s := sum.Summary()
	for _, g := range s.Groups {
		fmt.Printf("%-32s $%9s\n", cmp.Or(g.Key, "(default workspace)"), g.Total.DollarString(2))
	}
	f, err := report.ForecastMonthOf(s, now)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("projected month-end: $%s\n", f.Projected.DollarString(2))
	// Output:
	// wrkspc_01dpbLspFmqQQzK6WyTfkI9e  $ 30877.36
	// wrkspc_01l5puun9eTsaswHmYDKayqh  $ 12371.42
	// wrkspc_01SHOa9mS1rb8CXLb88kvg7J  $  6940.89
	// wrkspc_01hQKR7sRqdVdnpaCyQl3vhE  $  1671.43
	// (default workspace)              $  1158.07
	// projected month-end: $84611.05
}
