// Command pngcheck fails unless a PNG looks like a rendered page rather than
// a blank or broken one: enough pixels that are not background white, and
// enough distinct colors. scripts/report-screenshot.sh runs it on the
// screenshot of the sample HTML report.
//
// Usage: go run ./scripts/pngcheck [-min-colors N] [-min-ink F] file.png
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
)

func main() {
	minColors := flag.Int("min-colors", 24, "fewest distinct colors a real page has")
	minInk := flag.Float64("min-ink", 0.04, "smallest share of pixels that are not white")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pngcheck [-min-colors N] [-min-ink F] file.png")
		os.Exit(2)
	}
	img, err := load(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "pngcheck:", err)
		os.Exit(1)
	}
	s := measure(img)
	fmt.Printf("%s: %dx%d, %d colors, %.1f%% not white, %.1f%% saturated\n",
		flag.Arg(0), s.width, s.height, s.colors, 100*s.ink, 100*s.saturated)
	if s.colors < *minColors || s.ink < *minInk {
		fmt.Fprintf(os.Stderr, "pngcheck: %s looks blank (want at least %d colors and %.1f%% not white)\n",
			flag.Arg(0), *minColors, 100**minInk)
		os.Exit(1)
	}
}

func load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

type stats struct {
	width, height  int
	colors         int
	ink, saturated float64 // shares of all pixels
}

// measure counts distinct colors, pixels darker than near-white, and pixels
// with a clear hue (the chart colors, as opposed to gray text and lines).
func measure(img image.Image) stats {
	b := img.Bounds()
	seen := map[uint32]bool{}
	var ink, saturated int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			seen[r<<16|g<<8|bl] = true
			if r < 240 || g < 240 || bl < 240 {
				ink++
			}
			if max(r, g, bl)-min(r, g, bl) > 60 {
				saturated++
			}
		}
	}
	all := float64(b.Dx() * b.Dy())
	if all == 0 {
		return stats{}
	}
	return stats{width: b.Dx(), height: b.Dy(), colors: len(seen), ink: float64(ink) / all, saturated: float64(saturated) / all}
}
