package main

import (
	"image"
	"image/color"
	"testing"
)

func TestMeasure(t *testing.T) {
	blank := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	if s := measure(blank); s.colors != 1 || s.ink != 0 || s.saturated != 0 {
		t.Errorf("a white page measures %+v", s)
	}

	// A quarter of the page in a strong blue, with a gray line: ink, hue
	// and three colors.
	page := image.NewRGBA(blank.Rect)
	copy(page.Pix, blank.Pix)
	for y := range 15 {
		for x := range 20 {
			page.Set(x, y, color.RGBA{0x3d, 0x6f, 0xb4, 0xff})
		}
	}
	for x := range 40 {
		page.Set(x, 29, color.RGBA{0x66, 0x70, 0x85, 0xff})
	}
	s := measure(page)
	if s.colors != 3 || s.width != 40 || s.height != 30 {
		t.Errorf("measure = %+v", s)
	}
	if want := float64(300+40) / 1200; s.ink != want {
		t.Errorf("ink = %v, want %v", s.ink, want)
	}
	if want := float64(300) / 1200; s.saturated != want {
		t.Errorf("saturated = %v, want %v", s.saturated, want)
	}
}
