package ui

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/library"
	"lpcoach/practice/speech"
)

func TestPausesText(t *testing.T) {
	tests := []struct {
		name string
		m    speech.Metrics
		want string
	}{
		{"no pauses", speech.Metrics{}, "none"},
		{"only short ones", speech.Metrics{Pauses: []speech.Pause{speechPause(1, 0.6), speechPause(4, 1.24)}, LongestPauseS: 1.24}, "none of 2 s or more; longest 1.2 s"},
		{"long ones", speech.Metrics{Pauses: []speech.Pause{speechPause(1, 2.5), speechPause(8, 3.06), speechPause(9, 0.4)}, LongPauses: 2, LongestPauseS: 3.06}, "2 of 2 s or more; longest 3.1 s"},
	}
	for _, tt := range tests {
		if got := pausesText(&tt.m); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDeliveryTexts(t *testing.T) {
	speaking := &speech.Metrics{SpeakingS: 98.4, SpeakingRatio: 0.8632, FirstWordS: 1.23, WPMEstimate: 141.6,
		RMSDBFS: -22.4, PeakDBFS: -3.04, ClippedPct: 0.0123}
	silent := &speech.Metrics{FirstWordS: -1, RMSDBFS: speech.FloorDBFS, PeakDBFS: speech.FloorDBFS}
	tests := []struct {
		name string
		f    func(*speech.Metrics) string
		m    *speech.Metrics
		want string
	}{
		{"speaking", speakingText, speaking, "1:38, 86 % of the recording"},
		{"first word", firstWordText, speaking, "after 1.2 s"},
		{"no first word", firstWordText, silent, "no speech found"},
		{"pace", paceText, speaking, "about 142 words per minute (estimate)"},
		{"no pace", paceText, silent, "–"},
		{"loudness", loudnessText, speaking, "RMS -22 dBFS · peak -3 dBFS · 0.01 % clipped"},
		{"silence", loudnessText, silent, "RMS -100 dBFS · peak -100 dBFS · 0.00 % clipped"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.m); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := lengthText(114*time.Second, 2*time.Minute); got != "1:54 of a 2:00 target" {
		t.Errorf("lengthText = %q", got)
	}
}

func TestSegmentsText(t *testing.T) {
	plan := practice.Plan{Target: 100 * time.Second, Split: [4]int{20, 10, 60, 10}}
	tests := []struct {
		name  string
		marks []practice.Mark
		d     time.Duration
		want  string
	}{
		{"no marks", nil, time.Minute, "not marked (press 1 to 4 while answering)"},
		{"all four", []practice.Mark{{Segment: practice.Situation}, {Segment: practice.Task, At: 25 * time.Second},
			{Segment: practice.Action, At: 30 * time.Second}, {Segment: practice.Result, At: 95 * time.Second}}, 110 * time.Second,
			"Situation 0:25 (plan 0:20)\nTask 0:05 (plan 0:10)\nAction 1:05 (plan 1:00)\nResult 0:15 (plan 0:10)"},
		{"action only", []practice.Mark{{Segment: practice.Action, At: 10 * time.Second}}, 40 * time.Second,
			"Situation 0:10 (plan 0:20)\nTask 0:00 (plan 0:10)\nAction 0:30 (plan 1:00)\nResult 0:00 (plan 0:10)"},
	}
	for _, tt := range tests {
		if got := segmentsText(tt.marks, tt.d, plan); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestListTexts(t *testing.T) {
	when := time.Date(2026, 11, 27, 15, 4, 0, 0, time.Local)
	a := library.Attempt{Started: when, Duration: 114 * time.Second, Rating: 3}
	if got := attemptTitle(a, 2*time.Minute); got != "Fri 27 Nov, 15:04 · 1:54 / 2:00" {
		t.Errorf("attemptTitle = %q", got)
	}
	tests := []struct {
		rating int
		m      *speech.Metrics
		want   string
	}{
		{0, nil, "not rated · – wpm · longest pause –"},
		{3, &speech.Metrics{WPMEstimate: 151.5, LongestPauseS: 2.26}, "★★★☆☆ · 152 wpm · longest pause 2.3 s"},
		{5, &speech.Metrics{LongestPauseS: 0}, "★★★★★ · – wpm · longest pause 0.0 s"},
	}
	for _, tt := range tests {
		a.Rating = tt.rating
		if got := attemptFacts(a, tt.m); got != tt.want {
			t.Errorf("attemptFacts(rating %d) = %q, want %q", tt.rating, got, tt.want)
		}
	}
	tags := []struct {
		status library.Status
		want   string
		imp    widget.Importance
	}{
		{library.StatusOK, "", widget.MediumImportance},
		{library.StatusRecovered, "Recovered", widget.WarningImportance},
		{library.StatusMissing, "Missing", widget.DangerImportance},
	}
	for _, tt := range tags {
		if got, imp := statusTag(tt.status); got != tt.want || imp != tt.imp {
			t.Errorf("statusTag(%s) = %q, %v", tt.status, got, imp)
		}
	}
}

func TestPaceCaptionAndScale(t *testing.T) {
	tests := []struct {
		name    string
		windows []speech.Window
		caption string
		scale   float64
	}{
		{"nothing", nil, "Pace per 10 s: no speech found", paceScaleWPM},
		{"a silent window is left out of the range", []speech.Window{speechWindow(0, 120.4), speechWindow(10, 0), speechWindow(20, 171)},
			"Pace per 10 s: 120 to 171 words per minute", paceScaleWPM},
		{"fast speech raises the scale", []speech.Window{speechWindow(0, 230)}, "Pace per 10 s: 230 to 230 words per minute", 230},
	}
	for _, tt := range tests {
		if got := paceCaption(tt.windows); got != tt.caption {
			t.Errorf("%s: caption %q, want %q", tt.name, got, tt.caption)
		}
		if got := paceScale(tt.windows); got != tt.scale {
			t.Errorf("%s: scale %v, want %v", tt.name, got, tt.scale)
		}
	}
}

func TestParseMetricsAndPauseSpans(t *testing.T) {
	m := speech.Metrics{Pauses: []speech.Pause{speechPause(1.5, 0.5), speechPause(4.25, 2.0), speechPause(9, 3.5)}}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseMetrics(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []span{{4250 * time.Millisecond, 2 * time.Second}, {9 * time.Second, 3500 * time.Millisecond}}
	if spans := pauseSpans(got); !slices.Equal(spans, want) {
		t.Errorf("spans %v, want %v", spans, want)
	}
	if got, err := parseMetrics(nil); got != nil || err != nil {
		t.Errorf("no metrics gave %v, %v", got, err)
	}
	if _, err := parseMetrics([]byte(`{"pauses": 3}`)); err == nil {
		t.Error("metrics of the wrong shape were accepted")
	}
}

func TestRatingTextAndExportName(t *testing.T) {
	for r, want := range map[int]string{-1: "not rated", 0: "not rated", 1: "★☆☆☆☆", 4: "★★★★☆", 9: "★★★★★"} {
		if got := ratingText(r); got != want {
			t.Errorf("ratingText(%d) = %q, want %q", r, got, want)
		}
	}
	ps := []practice.Principle{{Number: 1, Name: "Customer Obsession"}}
	when := time.Date(2026, 11, 27, 9, 5, 0, 0, time.Local)
	tests := []struct {
		principle int
		want      string
	}{
		{1, "LP Coach answer 2026-11-27 0905 - Customer Obsession.wav"},
		{0, "LP Coach answer 2026-11-27 0905.wav"},
		{7, "LP Coach answer 2026-11-27 0905.wav"},
	}
	for _, tt := range tests {
		if got := exportName(library.Attempt{Principle: tt.principle, Started: when}, ps); got != tt.want {
			t.Errorf("exportName(principle %d) = %q, want %q", tt.principle, got, tt.want)
		}
	}
}

func speechPause(start, length float64) speech.Pause {
	return speech.Pause{StartS: start, LengthS: length}
}

func speechWindow(start, wpm float64) speech.Window {
	return speech.Window{StartS: start, WPMEstimate: wpm}
}
