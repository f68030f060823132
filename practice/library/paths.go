package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"lpcoach/practice"
)

// File name parts of a recording: NAME.wav, written as NAME.wav.part, with NAME.json and
// NAME.peaks beside it.
const (
	wavExt     = ".wav"
	partExt    = ".part"
	badExt     = ".bad"
	sidecarExt = ".json"
	peaksExt   = ".peaks"
	nameLayout = "2006-01-02_150405"
)

// nameRE matches the names NewRecordingPath makes: the start time, the principle and an optional
// uniqueness suffix.
var nameRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}_\d{6})_p(\d{2})(?:-\d+)?$`)

// NewRecordingPath returns a fresh path in RecordingsDir for an answer to principle started at t,
// e.g. recordings/2026-11-27_153000_p01.wav, with a suffix (-2, -3, ...) if that name is taken by
// a file, a .part, a sidecar, an attempt or an earlier call not yet passed to AddAttempt. The
// recorder writes path+".part" and renames it to path on a clean stop.
func (l *Library) NewRecordingPath(principle int, t time.Time) string {
	base := filepath.Join(l.RecordingsDir(), fmt.Sprintf("%s_p%02d", t.Format(nameLayout), principle))
	l.mu.Lock()
	defer l.mu.Unlock()
	path := base + wavExt
	for n := 2; l.taken(path); n++ {
		path = base + "-" + strconv.Itoa(n) + wavExt
	}
	l.reserved[path] = struct{}{}
	return path
}

// taken reports whether path (or its .part or sidecar) exists, was handed out, or has a row. A
// database error counts as taken, so a name is never reused by mistake. l.mu must be held.
func (l *Library) taken(path string) bool {
	if _, ok := l.reserved[path]; ok {
		return true
	}
	for _, p := range []string{path, path + partExt, SidecarPath(path)} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			return true
		}
	}
	var n int
	err := l.db.QueryRow(`SELECT count(*) FROM attempts WHERE file = ?`, l.fileKey(path)).Scan(&n)
	return err != nil || n > 0
}

// release forgets a path handed out by NewRecordingPath once its attempt is stored.
func (l *Library) release(path string) {
	l.mu.Lock()
	delete(l.reserved, path)
	l.mu.Unlock()
}

// stem returns path without a trailing .part and .wav.
func stem(path string) string {
	return strings.TrimSuffix(strings.TrimSuffix(path, partExt), wavExt)
}

// PeaksPath returns where the waveform summary of the recording at wavPath (NAME.wav or
// NAME.wav.part) is kept: NAME.peaks. Delete removes it with the recording.
func PeaksPath(wavPath string) string { return stem(wavPath) + peaksExt }

// SidecarPath returns where WriteSidecar puts the details of the recording at wavPath (NAME.wav
// or NAME.wav.part): NAME.json.
func SidecarPath(wavPath string) string { return stem(wavPath) + sidecarExt }

// Sidecar is what is kept beside a recording while it is made, so that a crash leftover is
// listed with its principle, question, start and the STAR marks made so far.
type Sidecar struct {
	Principle int             `json:"principle"`
	Question  string          `json:"question"`
	Started   time.Time       `json:"started"`
	Marks     []practice.Mark `json:"marks,omitempty"`
}

// WriteSidecar records sc beside the recording at path (NAME.wav or NAME.wav.part) in NAME.json
// (0600). Call it when recording starts, and again when a STAR mark is made: Recover uses it to
// restore those details after a crash. The file is written whole or not at all.
func WriteSidecar(path string, sc Sidecar) error {
	b, err := json.Marshal(sc)
	if err != nil {
		return fmt.Errorf("describe recording %s: %w", filepath.Base(path), err)
	}
	dst := SidecarPath(path)
	if err := writeFileAtomic(dst, b); err != nil {
		return fmt.Errorf("save recording details %s: %w", dst, err)
	}
	return nil
}

// writeFileAtomic writes b to a 0600 temporary file beside dst, syncs it and renames it to dst.
func writeFileAtomic(dst string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

// details works out the principle, question and start of the recording at path: from its
// sidecar if there is a readable one, else from its name, else the start is the file's time.
func details(path string, modTime time.Time) Sidecar {
	var sc Sidecar
	if b, err := os.ReadFile(SidecarPath(path)); err == nil && json.Unmarshal(b, &sc) == nil &&
		sc.Principle >= 1 && sc.Principle <= MaxPrinciple && !sc.Started.IsZero() {
		return sc
	}
	sc = Sidecar{Started: modTime}
	m := nameRE.FindStringSubmatch(filepath.Base(stem(path)))
	if m == nil {
		return sc
	}
	if t, err := time.ParseInLocation(nameLayout, m[1], time.Local); err == nil {
		sc.Started = t
	}
	if p, err := strconv.Atoi(m[2]); err == nil && p >= 1 && p <= MaxPrinciple {
		sc.Principle = p
	}
	return sc
}
