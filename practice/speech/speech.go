// Package speech measures how an answer was delivered, from its samples alone: when speech starts,
// where the pauses are, how fast the speaker goes and how loud the recording is.
//
// Everything is computed on the machine in pure Go from 16-bit PCM, with no model files. The
// figures are observations (seconds, syllables per second, dBFS), not judgments: pace is
// estimated from syllable nuclei, the intensity peaks of vowels, after the idea of de Jong and
// Wempe (2009), and converted to words per minute with an average of 1.45 syllables per word.
package speech

import "math"

// Tuning of the analysis. Times are in seconds, levels in dB.
const (
	// MinPauseS is the shortest silence between speech that counts as a pause; shorter gaps
	// (stop consonants, breaths between words) belong to the speech around them.
	MinPauseS = 0.3
	// LongPauseS is the length from which a pause counts as long.
	LongPauseS = 2.0
	// WindowS is the length of the windows in Metrics.Windows.
	WindowS = 10.0
	// SyllablesPerWord converts syllables per second into an estimate of words per minute.
	SyllablesPerWord = 1.45
	// FloorDBFS is the level reported for digital silence (and the lowest level ever reported).
	FloorDBFS = -100.0
	// QuietPeakDBFS is the peak below which a recording is reported as too quiet.
	QuietPeakDBFS = -30.0
	// ClippingWarnPct is the share of clipped samples, in percent, from which clipping is reported.
	ClippingWarnPct = 0.1
)

// fullScale is the reference of dBFS: a sample of this magnitude is 0 dBFS.
const fullScale = 32768.0

// Metrics are the delivery observations of one recording. Durations and times are in seconds
// from the start of the recording.
type Metrics struct {
	// DurationS is the length of the recording.
	DurationS float64 `json:"duration_s"`
	// SpeakingS is the time spent speaking: the recording without its leading and trailing
	// silence and without its pauses.
	SpeakingS float64 `json:"speaking_s"`
	// SpeakingRatio is SpeakingS / DurationS (0 for an empty recording).
	SpeakingRatio float64 `json:"speaking_ratio"`
	// FirstWordS is when speech starts, or -1 when the recording holds no speech.
	FirstWordS float64 `json:"first_word_s"`
	// Pauses lists every silence of at least MinPauseS between two stretches of speech.
	Pauses []Pause `json:"pauses"`
	// LongPauses counts the pauses of at least LongPauseS.
	LongPauses int `json:"long_pauses"`
	// LongestPauseS is the length of the longest pause (0 when there is none).
	LongestPauseS float64 `json:"longest_pause_s"`
	// Syllables is the number of syllable nuclei found.
	Syllables int `json:"syllables"`
	// SyllablesPerS is Syllables over SpeakingS (0 when there is no speech).
	SyllablesPerS float64 `json:"syllables_per_s"`
	// WPMEstimate is SyllablesPerS * 60 / SyllablesPerWord.
	WPMEstimate float64 `json:"wpm_estimate"`
	// Windows gives the pace in consecutive windows of WindowS (the last one may be shorter).
	Windows []Window `json:"windows"`
	// RMSDBFS is the RMS level over the speaking time, or over the whole recording when it holds
	// no speech (0 dBFS is a full-scale square wave; digital silence is FloorDBFS).
	RMSDBFS float64 `json:"rms_dbfs"`
	// PeakDBFS is the level of the largest sample.
	PeakDBFS float64 `json:"peak_dbfs"`
	// ClippedPct is the share of samples, in percent, within 1 LSB of full scale.
	ClippedPct float64 `json:"clipped_pct"`
	// Warnings names problems with the recording itself, in words (never nil).
	Warnings []string `json:"warnings"`
}

// Pause is a silence between two stretches of speech.
type Pause struct {
	// StartS is when the silence starts, in seconds from the start of the recording.
	StartS float64 `json:"start_s"`
	// LengthS is how long it lasts.
	LengthS float64 `json:"length_s"`
}

// Window is the pace within one window of the recording. Its rate is over the speaking time
// inside the window, so pauses do not lower it.
type Window struct {
	// StartS is when the window starts.
	StartS float64 `json:"start_s"`
	// SyllablesPerS is the number of syllable nuclei in the window over its speaking time.
	SyllablesPerS float64 `json:"syllables_per_s"`
	// WPMEstimate is SyllablesPerS * 60 / SyllablesPerWord.
	WPMEstimate float64 `json:"wpm_estimate"`
}

// Analyze computes the delivery metrics of mono 16-bit PCM at sampleRate samples per second
// (any rate, e.g. 16000, 22050 or 48000). No samples, or a sampleRate below 100, give the metrics
// of an empty recording: zero durations, FirstWordS -1, levels at FloorDBFS and no warnings.
func Analyze(mono []int16, sampleRate int) Metrics {
	m := Metrics{FirstWordS: -1, Pauses: []Pause{}, Windows: []Window{}, Warnings: []string{},
		RMSDBFS: FloorDBFS, PeakDBFS: FloorDBFS}
	if sampleRate < 100 || len(mono) == 0 {
		return m
	}
	m.DurationS = float64(len(mono)) / float64(sampleRate)
	f := measureFrames(mono, sampleRate)
	m.PeakDBFS = levelDBFS(float64(f.peak))
	m.ClippedPct = 100 * float64(f.clipped) / float64(len(mono))
	speech, thr := findSpeech(f)
	spans := refineEdges(mono, f, speech, thr)
	m.fillActivity(spans)
	m.fillPace(f, spans, findNuclei(f, speech))
	m.RMSDBFS = speakingRMS(f, speech)
	m.Warnings = warnings(m, len(speech) > 0)
	return m
}

// levelDBFS converts an amplitude to dBFS, never below FloorDBFS.
func levelDBFS(amplitude float64) float64 {
	if amplitude <= 0 {
		return FloorDBFS
	}
	return math.Max(FloorDBFS, 20*math.Log10(amplitude/fullScale))
}

// powerDBFS converts a mean square to dBFS, never below FloorDBFS.
func powerDBFS(meanSquare float64) float64 {
	if meanSquare <= 0 {
		return FloorDBFS
	}
	return math.Max(FloorDBFS, 10*math.Log10(meanSquare/(fullScale*fullScale)))
}

// wpm converts syllables per second to an estimate of words per minute.
func wpm(syllablesPerS float64) float64 {
	return syllablesPerS * 60 / SyllablesPerWord
}
