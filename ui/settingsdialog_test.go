package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
)

// openSettings opens the settings dialog and returns its content.
func openSettings(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	u.showSettings()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the settings dialog did not open")
	}
	return top
}

// findSelect finds the drop-down offering option in o's tree.
func findSelect(o fyne.CanvasObject, option string) *widget.Select {
	for _, c := range test.LaidOutObjects(o) {
		if s, ok := c.(*widget.Select); ok {
			for _, opt := range s.Options {
				if opt == option {
					return s
				}
			}
		}
	}
	return nil
}

func TestSettingsChangeThePlanAndAreRemembered(t *testing.T) {
	a := test.NewApp()
	u, _ := newTestUIWithSound(t, a, t.TempDir(), nullSound(t))
	dlg := openSettings(t, u)
	target := findSelect(dlg, "3:00")
	if target == nil || target.Selected != "2:00" {
		t.Fatalf("no answer-target choice showing 2:00: %v", target)
	}
	target.SetSelected("3:00")
	if u.settings.plan.Target != 3*time.Minute || loadSettings(a.Preferences()).plan.Target != 3*time.Minute {
		t.Fatalf("target %s, remembered %s; want 3:00", u.settings.plan.Target, loadSettings(a.Preferences()).plan.Target)
	}
	u.tabs.SelectIndex(tabPractice)
	if !strings.HasSuffix(u.practice.timer.text, "/ 3:00") {
		t.Errorf("the practice timer still reads %q", u.practice.timer.text)
	}

	var entries []*keyEntry
	for _, c := range test.LaidOutObjects(dlg) {
		if e, ok := c.(*keyEntry); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) != 4 {
		t.Fatalf("%d STAR share fields, want 4", len(entries))
	}
	entries[0].SetText("30") // 30+10+60+10 = 110
	if !strings.Contains(dlgText(dlg), "110") || u.settings.plan.Split != practice.DefaultPlan.Split {
		t.Fatalf("a split of 110 %% was taken (%v) or not explained", u.settings.plan.Split)
	}
	entries[2].SetText("50")
	if u.settings.plan.Split != [4]int{30, 10, 50, 10} {
		t.Fatalf("split %v, want 30/10/50/10", u.settings.plan.Split)
	}
}

func TestSettingsListDevicesAndTestTheMicrophone(t *testing.T) {
	u, _ := newTestUIWithSound(t, test.NewApp(), t.TempDir(), nullSound(t))
	dlg := openSettings(t, u)
	waitFor(t, 5*time.Second, "the device lists", func() bool {
		mic := findSelect(dlg, "NULL Capture Device")
		return mic != nil && !mic.Disabled()
	})
	waitFor(t, 5*time.Second, "the microphone to open", func() bool { return u.practice.input != nil })
	for _, c := range test.LaidOutObjects(dlg) {
		if b, ok := c.(*widget.Button); ok && strings.HasPrefix(b.Text, "Record 3 seconds") {
			test.Tap(b)
		}
	}
	waitFor(t, 15*time.Second, "the record-and-replay test", func() bool {
		return strings.Contains(dlgText(dlg), "Very quiet") // the null microphone is silent
	})
}

// dlgText joins the texts of the labels in o's tree.
func dlgText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}
