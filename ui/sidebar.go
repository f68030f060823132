package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
)

// sidebar lists the principles, filtered by what the user types.
type sidebar struct {
	all      []practice.Principle
	shown    []int // indexes into all, in order
	selected int   // principle number, 0 for none
	counts   map[int]int
	filter   *keyEntry
	list     *widget.List
	content  fyne.CanvasObject
	onSelect func(practice.Principle)
}

func newSidebar(all []practice.Principle, hooks *keyHooks, onSelect func(practice.Principle), onSettings, onHelp func()) *sidebar {
	s := &sidebar{all: all, onSelect: onSelect}
	s.filter = newKeyEntry(hooks)
	s.filter.SetPlaceHolder("Filter principles (Ctrl+F)")
	s.filter.OnChanged = s.applyFilter
	s.list = widget.NewList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("00  Success and Scale Bring Broad Responsibility")
			name.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			count.TextStyle.Bold = true
			count.Importance = widget.HighImportance
			return container.NewBorder(nil, nil, nil, count, name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.all[s.shown[id]]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%2d  %s", p.Number, p.Name))
			count := row.Objects[1].(*widget.Label)
			count.SetText(answerCount(s.counts[p.Number]))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		p := s.all[s.shown[id]]
		if p.Number != s.selected {
			s.selected = p.Number
			s.onSelect(p)
		}
	}
	s.applyFilter("")
	tools := container.NewGridWithColumns(2,
		widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), onSettings),
		widget.NewButtonWithIcon("Shortcuts", theme.HelpIcon(), onHelp),
	)
	s.content = container.NewBorder(s.filter, tools, nil, nil, s.list)
	return s
}

// answerCount is the sidebar's badge for n recorded answers: blank for none. The trailing
// spaces keep it clear of the list's scroll bar.
func answerCount(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n) + "  "
}

// setCounts shows how many answers each principle has.
func (s *sidebar) setCounts(counts map[int]int) {
	s.counts = counts
	s.list.Refresh()
}

// applyFilter keeps the principles whose number or name matches text.
func (s *sidebar) applyFilter(text string) {
	text = strings.ToLower(strings.TrimSpace(text))
	s.shown = s.shown[:0]
	for i, p := range s.all {
		if text == "" || strings.Contains(strings.ToLower(p.Name), text) || strconv.Itoa(p.Number) == text {
			s.shown = append(s.shown, i)
		}
	}
	s.list.UnselectAll()
	s.list.Refresh()
	if row := s.row(s.selected); row >= 0 {
		s.list.Select(row)
	} else if len(s.shown) > 0 && text != "" {
		s.list.Select(0)
	}
}

// selectNumber selects principle n (clearing the filter if it hides it), else the first one.
func (s *sidebar) selectNumber(n int) {
	if s.row(n) < 0 {
		s.filter.SetText("")
	}
	row := s.row(n)
	if row < 0 {
		row = 0
	}
	s.list.Select(row)
	s.list.ScrollTo(row)
}

// row is the list row showing principle n, or -1.
func (s *sidebar) row(n int) int {
	for row, i := range s.shown {
		if s.all[i].Number == n {
			return row
		}
	}
	return -1
}

// step selects the principle delta rows away from the selected one, within the filtered list.
func (s *sidebar) step(delta int) {
	if len(s.shown) == 0 {
		return
	}
	row := s.row(s.selected) + delta
	row = max(0, min(row, len(s.shown)-1))
	s.list.Select(row)
	s.list.ScrollTo(row)
}
