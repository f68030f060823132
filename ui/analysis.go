package ui

import (
	"encoding/json"
	"log"

	"lpcoach/practice/library"
	"lpcoach/practice/speech"
	"lpcoach/practice/wav"
)

// analyzeAttempt computes the delivery metrics of a saved attempt and stores them with it. The
// review's analysis queue calls it for every listed answer without metrics, new ones included.
// It reads the whole recording, so it never runs on the UI goroutine; a failure is logged and
// the attempt has no metrics (the review says so).
func analyzeAttempt(store AttemptStore, a library.Attempt) {
	audio, err := wav.ReadFile(a.Path)
	if err != nil {
		log.Printf("analyse %s: %v", a.Path, err)
		return
	}
	m := speech.Analyze(audio.Mono(), audio.SampleRate)
	data, err := json.Marshal(m)
	if err == nil {
		err = store.SetMetrics(a.ID, data)
	}
	if err != nil {
		log.Printf("store the analysis of %s: %v", a.Path, err)
	}
}
