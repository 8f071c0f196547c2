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
	{overdueState, "s-overdue"},
}

// overdueState is the chart's own category for work past its deadline
// that is neither done nor reported in progress: "quá hạn", the word of
// the CLI's summary and of the workbook's notes. Late work in progress
// keeps its state, which already says "quá hạn".
const overdueState vanban.TaskState = "quá hạn"

// chartState is the category a task is drawn in.
func chartState(t app.TaskCheck) vanban.TaskState {
	switch {
	case !t.Overdue:
		return t.State
	case t.State == vanban.NotStartedState, t.State == vanban.NotReportedState, t.State == vanban.UnclearState:
		return overdueState
	}
	return t.State
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
	minBarPix   = 6  // a unit with one task among hundreds still shows
)

// chart is a horizontal stacked bar per unit, its length proportional to
// the unit's number of tasks (the unit with most tasks fills the width),
// a segment per state with the count written in each wide enough one. The
// legend lists the states drawn, in the bars' order.
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
	TotalX    int // where the total is written, after the bar
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
	counts := make([]map[vanban.TaskState]int, len(units))
	most := 0
	drawn := map[vanban.TaskState]bool{}
	for i, u := range units {
		counts[i] = map[vanban.TaskState]int{}
		for _, t := range append(append([]app.TaskCheck{}, u.Lead...), u.Coordinate...) {
			counts[i][chartState(t)]++
			drawn[chartState(t)] = true
		}
		most = max(most, len(u.Lead)+len(u.Coordinate))
	}
	for i, u := range units {
		b := bar{Y: y, TextY: y + barHeight - 4, Label: clipRunes(u.Unit, labelRunes), FullLabel: u.Unit}
		b.Total = len(u.Lead) + len(u.Coordinate)
		width := 0
		if b.Total > 0 {
			width = max(b.Total*barWidth/most, minBarPix)
		}
		b.TotalX = barLeft + width + 6
		x := barLeft
		done := 0
		for _, s := range states {
			n := counts[i][s.Name]
			if n == 0 {
				continue
			}
			done += n
			// Place each edge from the running total so rounding never
			// leaves a gap or overflows the bar.
			end := barLeft + done*width/b.Total
			b.Segs = append(b.Segs, seg{
				X: x, W: end - x, TextX: (x + end) / 2, Class: s.Class, Count: n,
				ShowCount: end-x >= countMinPix, Title: fmt.Sprintf("%s: %d", capitalize(s.Name.Label()), n),
			})
			x = end
		}
		c.Bars = append(c.Bars, b)
		y += rowHeight
	}
	y += 8
	i := 0
	for _, s := range states {
		if !drawn[s.Name] {
			continue
		}
		c.Legend = append(c.Legend, legendItem{X: 10 + (i%3)*270, Y: y + (i/3)*legendRow, Class: s.Class, Name: capitalize(s.Name.Label())})
		i++
	}
	c.Height = y + (i+2)/3*legendRow + 4
	return c
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
