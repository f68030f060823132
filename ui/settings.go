package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"lpcoach/practice"
)

// Preference keys of the settings.
const (
	prefInput    = "input_device"
	prefOutput   = "output_device"
	prefPrep     = "prep_seconds"
	prefTarget   = "target_seconds"
	prefSplit    = "star_split"
	prefAutoStop = "auto_stop"
)

// settings are the user's choices, read once from the preferences and written back on change.
type settings struct {
	prefs  fyne.Preferences
	input  string // capture device ID; "" is the system default
	output string // playback device ID; "" is the system default
	plan   practice.Plan
}

// loadSettings reads the settings, falling back to the defaults for anything missing or invalid.
func loadSettings(p fyne.Preferences) *settings {
	s := &settings{prefs: p, input: p.String(prefInput), output: p.String(prefOutput)}
	d := practice.DefaultPlan
	s.plan = practice.Plan{
		Prep:     time.Duration(p.IntWithFallback(prefPrep, int(d.Prep.Seconds()))) * time.Second,
		Target:   time.Duration(p.IntWithFallback(prefTarget, int(d.Target.Seconds()))) * time.Second,
		Split:    parseSplit(p.StringWithFallback(prefSplit, formatSplit(d.Split))),
		AutoStop: p.Bool(prefAutoStop),
	}
	if s.plan.Validate() != nil {
		s.plan = d
	}
	return s
}

// save writes the settings back to the preferences.
func (s *settings) save() {
	s.prefs.SetString(prefInput, s.input)
	s.prefs.SetString(prefOutput, s.output)
	s.prefs.SetInt(prefPrep, int(s.plan.Prep.Seconds()))
	s.prefs.SetInt(prefTarget, int(s.plan.Target.Seconds()))
	s.prefs.SetString(prefSplit, formatSplit(s.plan.Split))
	s.prefs.SetBool(prefAutoStop, s.plan.AutoStop)
}

// formatSplit writes a STAR split as "20,10,60,10".
func formatSplit(split [4]int) string {
	parts := make([]string, 4)
	for i, v := range split {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ",")
}

// parseSplit reads "20,10,60,10"; anything else gives a split that fails validation.
func parseSplit(s string) [4]int {
	var out [4]int
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return [4]int{-1}
	}
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return [4]int{-1}
		}
		out[i] = v
	}
	return out
}
