// Package plot draws small, deterministic SVG charts for the measurements
// (the same figures give the same bytes, so committed charts can be
// checked for staleness like the README's tables). No dependencies.
package plot

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Series is a line of points; Dashed draws a reference line without dots.
type Series struct {
	Name   string
	X, Y   []float64
	Dashed bool
	Color  string
}

// Lines is a line chart.
type Lines struct {
	Title, XLabel, YLabel string
	Series                []Series
	// XTicks label the x axis at these values (the data's range when nil).
	XTicks []float64
	// XTickLabel formats an x tick (%g when nil).
	XTickLabel func(float64) string
}

// Group is a column of values in a strip chart.
type Group struct {
	Label  string
	Values []float64
}

// Strips is a strip chart: each group's values as dots in a column, with
// the group's min and max marked and a horizontal reference line.
type Strips struct {
	Title, XLabel, YLabel string
	Groups                []Group
	// Ref draws a dashed horizontal line at this value, labelled RefLabel.
	Ref      float64
	RefLabel string
}

const (
	width, height            = 640, 400
	left, right, top, bottom = 64, 24, 40, 56
)

var palette = []string{"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00"}

type canvas struct {
	b              strings.Builder
	x0, x1, y0, y1 float64
	logY           bool
}

func (c *canvas) px(x float64) float64 {
	return left + (x-c.x0)/(c.x1-c.x0)*(width-left-right)
}

func (c *canvas) py(y float64) float64 {
	if c.logY {
		y, c0, c1 := math.Log10(y), math.Log10(c.y0), math.Log10(c.y1)
		return height - bottom - (y-c0)/(c1-c0)*(height-top-bottom)
	}
	return height - bottom - (y-c.y0)/(c.y1-c.y0)*(height-top-bottom)
}

func (c *canvas) printf(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

func (c *canvas) frame(title, xl, yl string) {
	c.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">`+"\n", width, height, width, height)
	c.printf(`<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	c.printf(`<text x="%d" y="22" font-size="15" font-weight="600" fill="#1d2330">%s</text>`+"\n", left, html.EscapeString(title))
	c.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#444">%s</text>`+"\n", float64(left+(width-left-right)/2), height-14, html.EscapeString(xl))
	c.printf(`<text transform="translate(16 %.1f) rotate(-90)" text-anchor="middle" fill="#444">%s</text>`+"\n", float64(top+(height-top-bottom)/2), html.EscapeString(yl))
	c.printf(`<path d="M%d %d V%d H%d" stroke="#555" fill="none"/>`+"\n", left, top, height-bottom, width-right)
}

func (c *canvas) yTicks(ticks []float64, label func(float64) string) {
	for _, t := range ticks {
		y := c.py(t)
		c.printf(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e5e8ee"/>`+"\n", left, width-right, y, y)
		c.printf(`<text x="%d" y="%.1f" text-anchor="end" fill="#555">%s</text>`+"\n", left-6, y+4, label(t))
	}
}

func (c *canvas) end(w io.Writer) error {
	c.printf("</svg>\n")
	_, err := io.WriteString(w, c.b.String())
	return err
}

// niceTicks returns round tick values from at most lo to at least hi.
func niceTicks(lo, hi float64, n int) []float64 {
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(n))))
	for _, m := range []float64{1, 2, 5, 10} {
		if (hi-lo)/(step*m) <= float64(n) {
			step *= m
			break
		}
	}
	var out []float64
	for t := math.Floor(lo/step) * step; ; t += step {
		out = append(out, math.Round(t/step)*step)
		if t >= hi-step/1e6 {
			break
		}
	}
	return out
}

// WriteLines draws a line chart.
func WriteLines(w io.Writer, l Lines) error {
	c := &canvas{x0: math.Inf(1), x1: math.Inf(-1), y0: 0, y1: math.Inf(-1)}
	for _, s := range l.Series {
		if len(s.X) != len(s.Y) || len(s.X) == 0 {
			return fmt.Errorf("plot: series %q has %d x and %d y values", s.Name, len(s.X), len(s.Y))
		}
		for i := range s.X {
			c.x0, c.x1 = min(c.x0, s.X[i]), max(c.x1, s.X[i])
			c.y0, c.y1 = min(c.y0, s.Y[i]), max(c.y1, s.Y[i])
		}
	}
	if c.x0 == c.x1 {
		c.x1 = c.x0 + 1
	}
	ticks := niceTicks(c.y0, c.y1*1.05, 6)
	c.y1 = max(c.y1, ticks[len(ticks)-1])
	c.frame(l.Title, l.XLabel, l.YLabel)
	c.yTicks(ticks, func(v float64) string { return fmt.Sprintf("%g", v) })
	xt := l.XTicks
	if xt == nil {
		xt = niceTicks(c.x0, c.x1, 8)
	}
	xl := l.XTickLabel
	if xl == nil {
		xl = func(v float64) string { return fmt.Sprintf("%g", v) }
	}
	for _, t := range xt {
		x := c.px(t)
		c.printf(`<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" stroke="#555"/>`+"\n", x, x, height-bottom, height-bottom+4)
		c.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`+"\n", x, height-bottom+18, html.EscapeString(xl(t)))
	}
	for k, s := range l.Series {
		color := s.Color
		if color == "" {
			color = palette[k%len(palette)]
		}
		var d strings.Builder
		for i := range s.X {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, c.px(s.X[i]), c.py(s.Y[i]))
		}
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		c.printf(`<path class="series" d="%s" stroke="%s" stroke-width="2" fill="none"%s/>`+"\n", strings.TrimSpace(d.String()), color, dash)
		if !s.Dashed {
			for i := range s.X {
				c.printf(`<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", c.px(s.X[i]), c.py(s.Y[i]), color)
			}
		}
		ly := top + 8 + 18*k
		c.printf(`<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", left+16, left+40, ly, ly, color, dash)
		c.printf(`<text x="%d" y="%d" fill="#333">%s</text>`+"\n", left+46, ly+4, html.EscapeString(s.Name))
	}
	return c.end(w)
}

// WriteStrips draws a strip chart on a logarithmic y axis when the values
// span more than a factor of 20, else a linear one.
func WriteStrips(w io.Writer, s Strips) error {
	if len(s.Groups) == 0 {
		return fmt.Errorf("plot: a strip chart needs a group")
	}
	c := &canvas{x0: -0.5, x1: float64(len(s.Groups)) - 0.5, y0: math.Inf(1), y1: math.Inf(-1)}
	for _, g := range s.Groups {
		if len(g.Values) == 0 {
			return fmt.Errorf("plot: group %q has no values", g.Label)
		}
		for _, v := range g.Values {
			c.y0, c.y1 = min(c.y0, v), max(c.y1, v)
		}
	}
	var ticks []float64
	if c.y0 > 0 && c.y1/c.y0 > 20 {
		c.logY = true
		c.y0 = math.Pow(10, math.Floor(math.Log10(c.y0)))
		c.y1 = math.Pow(10, math.Ceil(math.Log10(c.y1)))
		for t := c.y0; t <= c.y1*1.0001; t *= 10 {
			ticks = append(ticks, t)
		}
	} else {
		ticks = niceTicks(min(c.y0, s.Ref), max(c.y1, s.Ref), 6)
		c.y0, c.y1 = ticks[0], ticks[len(ticks)-1]
	}
	c.frame(s.Title, s.XLabel, s.YLabel)
	c.yTicks(ticks, func(v float64) string { return fmt.Sprintf("%g", v) })
	colW := (width - left - right) / float64(len(s.Groups))
	for k, g := range s.Groups {
		cx := c.px(float64(k))
		c.printf(`<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`+"\n", cx, height-bottom+18, html.EscapeString(g.Label))
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, v := range g.Values {
			lo, hi = min(lo, v), max(hi, v)
			// A fixed spread by index (no randomness): dots side by side.
			off := (float64(i%16)/15 - 0.5) * colW * 0.5
			c.printf(`<circle class="dot" cx="%.1f" cy="%.1f" r="2.5" fill="%s" fill-opacity="0.55"/>`+"\n", cx+off, c.py(v), palette[0])
		}
		for _, v := range []float64{lo, hi} {
			c.printf(`<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#333" stroke-width="1.5"/>`+"\n", cx-colW*0.32, cx+colW*0.32, c.py(v), c.py(v))
		}
		c.printf(`<text x="%.1f" y="%.1f" font-size="11" fill="#333" text-anchor="middle">max %.2f</text>`+"\n", cx, c.py(hi)-5, hi)
	}
	if s.Ref != 0 {
		y := c.py(s.Ref)
		c.printf(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n", left, width-right, y, y, palette[1])
		c.printf(`<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n", width-right-150, width-right-126, top-4, top-4, palette[1])
		c.printf(`<text x="%d" y="%d" fill="#333">%s</text>`+"\n", width-right-120, top, html.EscapeString(s.RefLabel))
	}
	return c.end(w)
}
