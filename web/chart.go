package web

import (
	"fmt"
	"unicode/utf8"

	"vanban"

	"vanban/app"
)

// state is one task-tracking category, in the order charts and tables
// show them, with its CSS class (the colour).
type state struct {
	Name  vanban.TaskState
	Class string
}

// states are the task-tracking categories, in the order the chart draws
// them, with their CSS classes.
var states = []state{
	{vanban.DoneOnTime, "s-done"},
	{vanban.DoneLate, "s-done-late"},
	{vanban.InProgressOnTime, "s-progress"},
	{vanban.InProgressLate, "s-progress-late"},
	{vanban.NotStartedState, "s-not-started"},
	{vanban.UnclearState, "s-unclear"},
	{vanban.NotReportedState, "s-not-reported"},
}

func stateClass(name vanban.TaskState) string {
	for _, s := range states {
		if s.Name == name {
			return s.Class
		}
	}
	return "s-other"
}

// Chart geometry, in SVG user units.
const (
	chartWidth  = 820
	labelRight  = 330 // labels end here, right-aligned
	barLeft     = 340
	barWidth    = 420
	rowHeight   = 28
	barHeight   = 18
	legendRow   = 22
	labelRunes  = 46
	countMinPix = 18 // a segment narrower than this shows no number
)

// chart is a horizontal 100% stacked bar per unit: the share of its tasks
// in each state, with the count written in each wide enough segment. Bars
// of equal length keep a unit with 2 tasks as readable as one with 60.
type chart struct {
	Width, Height int
	Bars          []bar
	Legend        []legendItem
}

type bar struct {
	Y, TextY  int
	Label     string
	FullLabel string
	Total     int
	Segs      []seg
}

type seg struct {
	X, W      int
	TextX     int
	Class     string
	Count     int
	ShowCount bool
	Title     string
}

type legendItem struct {
	X, Y  int
	Class string
	Name  string
}

// buildChart lays out the chart for the units of a cross-check.
func buildChart(units []app.UnitCheck) chart {
	c := chart{Width: chartWidth}
	y := 8
	for _, u := range units {
		b := bar{Y: y, TextY: y + barHeight - 4, Label: clipRunes(u.Unit, labelRunes), FullLabel: u.Unit}
		counts := map[vanban.TaskState]int{}
		for _, t := range append(append([]app.TaskCheck{}, u.Lead...), u.Coordinate...) {
			counts[t.State]++
			b.Total++
		}
		x := barLeft
		done := 0
		for _, s := range states {
			n := counts[s.Name]
			if n == 0 || b.Total == 0 {
				continue
			}
			done += n
			// Place each edge from the running total so rounding never
			// leaves a gap or overflows the bar.
			end := barLeft + done*barWidth/b.Total
			b.Segs = append(b.Segs, seg{
				X: x, W: end - x, TextX: (x + end) / 2, Class: s.Class, Count: n,
				ShowCount: end-x >= countMinPix, Title: fmt.Sprintf("%s: %d", s.Name.Label(), n),
			})
			x = end
		}
		c.Bars = append(c.Bars, b)
		y += rowHeight
	}
	y += 8
	for i, s := range states {
		c.Legend = append(c.Legend, legendItem{X: 10 + (i%3)*270, Y: y + (i/3)*legendRow, Class: s.Class, Name: s.Name.Label()})
	}
	c.Height = y + 2*legendRow + 4
	return c
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
