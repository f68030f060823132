package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lpcoach/practice"
	"lpcoach/practice/wav"
)

// Recovery reports what Recover did.
type Recovery struct {
	Recovered int      // .part files left by a crash, repaired and added as "recovered" attempts
	Imported  int      // .wav files without an attempt, added as "ok" attempts
	Missing   int      // attempts whose file is gone (all of them, not only newly noticed ones)
	Problems  []string // one sentence per file that could not be handled, fit to show a user
}

// Recover reconciles the recordings folder with the database; run it at start-up, before any
// recording starts (a path handed out by NewRecordingPath and not yet added is left alone).
//   - every NAME.wav.part is repaired with wav.Repair, renamed to NAME.wav and added as a
//     "recovered" attempt; its principle, question and start come from the NAME.json sidecar
//     (WriteSidecar), else from the file name. A .part with no audio is moved aside to
//     NAME.wav.part.bad, never deleted;
//   - every .wav without an attempt is imported with status ok (principle 0 if unknown);
//   - every attempt whose file is gone is marked missing, and unmarked if the file is back.
//
// Files it cannot handle are listed in Problems; the error is for a folder or database failure.
func (l *Library) Recover() (Recovery, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var r Recovery
	entries, err := os.ReadDir(l.RecordingsDir())
	if err != nil {
		return r, fmt.Errorf("look for recordings in %s: %w", l.RecordingsDir(), err)
	}
	for _, e := range entries {
		if name := e.Name(); e.Type().IsRegular() && strings.HasSuffix(name, wavExt+partExt) {
			l.recoverPart(filepath.Join(l.RecordingsDir(), name), &r)
		}
	}
	if err := l.importOrphans(&r); err != nil {
		return r, err
	}
	if err := l.markMissing(&r); err != nil {
		return r, err
	}
	return r, nil
}

// recoverPart repairs one NAME.wav.part, renames it to NAME.wav and adds it as recovered.
func (l *Library) recoverPart(part string, r *Recovery) {
	path := strings.TrimSuffix(part, partExt)
	if _, busy := l.reserved[path]; busy {
		return
	}
	name := filepath.Base(path)
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		l.moveAside(part, fmt.Sprintf("%s was left unfinished but a finished recording has the same name", name), r)
		return
	}
	info, err := wav.Repair(part)
	if err == nil && info.Frames == 0 {
		err = wav.ErrNoAudio
	}
	if err != nil {
		l.moveAside(part, fmt.Sprintf("the interrupted recording %s could not be rescued (%v)", name, err), r)
		return
	}
	if err := os.Rename(part, path); err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("the interrupted recording %s could not be renamed: %v", name, err))
		return
	}
	if err := l.addFound(path, info, StatusRecovered); err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("the rescued recording %s could not be listed: %v", name, err))
		return
	}
	r.Recovered++
}

// moveAside renames part to a free NAME.wav.part.bad name and notes why in r.
func (l *Library) moveAside(part, why string, r *Recovery) {
	bad := part + badExt
	for n := 2; exists(bad); n++ {
		bad = fmt.Sprintf("%s%s.%d", part, badExt, n)
	}
	if err := os.Rename(part, bad); err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("%s; it could not be moved aside either: %v", why, err))
		return
	}
	r.Problems = append(r.Problems, fmt.Sprintf("%s; it was kept as %s", why, filepath.Base(bad)))
}

// exists reports whether something is at path (an unreadable path counts as existing).
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, os.ErrNotExist)
}

// importOrphans adds every .wav in RecordingsDir that has no attempt.
func (l *Library) importOrphans(r *Recovery) error {
	known, err := l.knownFiles()
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(l.RecordingsDir())
	if err != nil {
		return fmt.Errorf("look for recordings in %s: %w", l.RecordingsDir(), err)
	}
	for _, e := range entries {
		path := filepath.Join(l.RecordingsDir(), e.Name())
		_, busy := l.reserved[path]
		if busy || !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), wavExt) || known[l.fileKey(path)] {
			continue
		}
		info, err := wav.ReadInfo(path)
		if err == nil {
			err = l.addFound(path, info, StatusOK)
		}
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("the recording %s could not be added to the history: %v", e.Name(), err))
			continue
		}
		r.Imported++
	}
	return nil
}

// knownFiles returns the file keys of all attempts.
func (l *Library) knownFiles() (map[string]bool, error) {
	rows, err := l.db.Query(`SELECT file FROM attempts`)
	if err != nil {
		return nil, fmt.Errorf("list recorded answers: %w", err)
	}
	defer rows.Close()
	known := map[string]bool{}
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, fmt.Errorf("list recorded answers: %w", err)
		}
		known[f] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list recorded answers: %w", err)
	}
	return known, nil
}

// addFound inserts an attempt for a recording found on disk, with details from its sidecar or name.
func (l *Library) addFound(path string, info wav.Info, status Status) error {
	modTime := time.Now()
	if st, err := os.Stat(path); err == nil {
		modTime = st.ModTime().Add(-info.Duration())
	}
	d := details(path, modTime)
	marks := slices.DeleteFunc(d.Marks, func(m practice.Mark) bool { return !m.Valid() || m.At > info.Duration() })
	_, err := l.insertAttempt(Attempt{Principle: d.Principle, Question: d.Question, Started: d.Started,
		Duration: info.Duration(), Path: path, Status: status, Marks: marks})
	return err
}

// markMissing sets the missing flag of every attempt from whether its file exists, and counts them.
func (l *Library) markMissing(r *Recovery) error {
	rows, err := l.db.Query(`SELECT id, file, missing FROM attempts`)
	if err != nil {
		return fmt.Errorf("check recorded answers: %w", err)
	}
	defer rows.Close()
	changed := map[int64]bool{}
	for rows.Next() {
		var id int64
		var file string
		var wasMissing bool
		if err := rows.Scan(&id, &file, &wasMissing); err != nil {
			return fmt.Errorf("check recorded answers: %w", err)
		}
		isMissing := !exists(l.filePath(file))
		if isMissing != wasMissing {
			changed[id] = isMissing
		}
		if isMissing {
			r.Missing++
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check recorded answers: %w", err)
	}
	for id, missing := range changed {
		if _, err := l.db.Exec(`UPDATE attempts SET missing = ? WHERE id = ?`, missing, id); err != nil {
			return fmt.Errorf("mark answer %d missing=%v: %w", id, missing, err)
		}
	}
	return nil
}
