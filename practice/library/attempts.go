package library

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"lpcoach/practice"
)

// Status tells whether an attempt's recording is usable.
type Status string

// The statuses an attempt can have.
const (
	StatusOK        Status = "ok"        // recorded and stopped cleanly, or imported from a WAV file
	StatusRecovered Status = "recovered" // rescued from a .part file left by a crash
	StatusMissing   Status = "missing"   // the WAV file is gone; it returns to its old status if the file reappears
)

// ChecklistItems is the number of items in the STAR self-review; Checklist bit i is item i.
const ChecklistItems = 5

// Attempt is one recorded answer.
type Attempt struct {
	ID        int64
	Principle int    // 1-16; 0 for a WAV file imported under a name that does not say
	Question  string // the question as it was asked
	Started   time.Time
	Duration  time.Duration
	Device    string        // capture device name
	Dropped   int           // frames lost while recording
	Target    time.Duration // the answer target when it was recorded; 0 when not known (imported)
	Path      string        // absolute path of the .wav
	Status    Status
	Rating    int   // 0 = unrated, 1-5
	Checklist uint8 // bit i set = item i of the STAR self-review ticked
	Notes     string
	Marks     []practice.Mark // in the order they were pressed
	Metrics   []byte          // JSON from the delivery analysis, nil until computed
}

// Filter selects attempts: zero fields select everything.
type Filter struct {
	Principle int    // 1-16, or 0 for all
	Question  string // exact question text, or "" for all
}

// attemptColumns is the SELECT list that scanAttempt reads.
const attemptColumns = `id, principle, question, started, duration, device, dropped, file,
	CASE WHEN missing THEN 'missing' ELSE origin END, rating, checklist, notes, metrics, target`

// AddAttempt stores a (usually just finished) attempt and returns it with its ID. Status may be
// empty (meaning ok), ok or recovered; Path must name the .wav file.
func (l *Library) AddAttempt(a Attempt) (Attempt, error) {
	if err := checkPrinciple(a.Principle); err != nil {
		return Attempt{}, fmt.Errorf("save answer: %w", err)
	}
	if a.Status == "" {
		a.Status = StatusOK
	}
	if err := checkNewAttempt(a); err != nil {
		return Attempt{}, fmt.Errorf("save answer: %w", err)
	}
	abs, err := filepath.Abs(a.Path)
	if err != nil {
		return Attempt{}, fmt.Errorf("save answer %s: %w", a.Path, err)
	}
	a.Path = abs
	if a.ID, err = l.insertAttempt(a); isUnique(err) {
		return Attempt{}, fmt.Errorf("save answer %s: %w", filepath.Base(a.Path), ErrDuplicateRecording)
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("save answer %s: %w", filepath.Base(a.Path), err)
	}
	l.release(a.Path)
	return a, nil
}

// checkNewAttempt validates the fields of an attempt about to be stored.
func checkNewAttempt(a Attempt) error {
	switch {
	case a.Path == "":
		return errors.New("no recording file given")
	case a.Status != StatusOK && a.Status != StatusRecovered:
		return fmt.Errorf("a new answer cannot have status %q", a.Status)
	case a.Duration < 0 || a.Dropped < 0 || a.Target < 0:
		return errors.New("negative duration, target or dropped frames")
	}
	if err := checkRating(a.Rating); err != nil {
		return err
	}
	if err := checkChecklist(a.Checklist); err != nil {
		return err
	}
	if err := checkMetrics(a.Metrics); err != nil {
		return err
	}
	return checkMarks(a.Marks)
}

// insertAttempt writes the attempt row and its marks in one transaction and returns the new ID.
func (l *Library) insertAttempt(a Attempt) (id int64, err error) {
	tx, err := l.db.Begin()
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	res, err := tx.Exec(`INSERT INTO attempts (principle, question, started, duration, device, dropped,
		file, origin, rating, checklist, notes, metrics, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Principle, a.Question, a.Started.UnixNano(), int64(a.Duration), a.Device, a.Dropped,
		l.fileKey(a.Path), string(a.Status), a.Rating, a.Checklist, a.Notes, a.Metrics, int64(a.Target))
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	for i, m := range a.Marks {
		if _, err = tx.Exec(`INSERT INTO marks (attempt_id, seq, segment, at) VALUES (?, ?, ?, ?)`,
			id, i, m.Segment, int64(m.At)); err != nil {
			return 0, err
		}
	}
	return id, tx.Commit()
}

// Attempt returns attempt id, or an error wrapping ErrNotFound.
func (l *Library) Attempt(id int64) (Attempt, error) {
	a, err := l.scanAttempt(l.db.QueryRow(`SELECT `+attemptColumns+` FROM attempts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Attempt{}, fmt.Errorf("load answer: %w", ErrNotFound)
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("load answer: %w", err)
	}
	marks, err := l.marks(`attempt_id = ?`, id)
	if err != nil {
		return Attempt{}, fmt.Errorf("load answer: %w", err)
	}
	a.Marks = marks[id]
	return a, nil
}

// Attempts returns the attempts f selects, newest first, with their marks.
func (l *Library) Attempts(f Filter) ([]Attempt, error) {
	const where = `(?1 = 0 OR principle = ?1) AND (?2 = '' OR question = ?2)`
	rows, err := l.db.Query(`SELECT `+attemptColumns+` FROM attempts WHERE `+where+
		` ORDER BY started DESC, id DESC`, f.Principle, f.Question)
	if err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	defer rows.Close()
	var list []Attempt
	for rows.Next() {
		a, err := l.scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("list answers: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	marks, err := l.marks(`attempt_id IN (SELECT id FROM attempts WHERE `+where+`)`, f.Principle, f.Question)
	if err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	for i := range list {
		list[i].Marks = marks[list[i].ID]
	}
	return list, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanAttempt reads one row of attemptColumns.
func (l *Library) scanAttempt(s scanner) (Attempt, error) {
	var a Attempt
	var started, duration, target int64
	var file, status string
	err := s.Scan(&a.ID, &a.Principle, &a.Question, &started, &duration, &a.Device, &a.Dropped,
		&file, &status, &a.Rating, &a.Checklist, &a.Notes, &a.Metrics, &target)
	a.Started, a.Duration, a.Target = time.Unix(0, started), time.Duration(duration), time.Duration(target)
	a.Path, a.Status = l.filePath(file), Status(status)
	return a, err
}

// marks loads the marks of the attempts where selects, keyed by attempt ID.
func (l *Library) marks(where string, args ...any) (map[int64][]practice.Mark, error) {
	rows, err := l.db.Query(`SELECT attempt_id, segment, at FROM marks WHERE `+where+
		` ORDER BY attempt_id, seq`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]practice.Mark{}
	for rows.Next() {
		var id, at int64
		var m practice.Mark
		if err := rows.Scan(&id, &m.Segment, &at); err != nil {
			return nil, err
		}
		m.At = time.Duration(at)
		out[id] = append(out[id], m)
	}
	return out, rows.Err()
}

// SetRating sets the self-rating of attempt id: 0 (unrated) to 5.
func (l *Library) SetRating(id int64, rating int) error {
	if err := checkRating(rating); err != nil {
		return fmt.Errorf("rate answer: %w", err)
	}
	return l.update(id, "rate answer", `rating = ?`, rating)
}

// SetChecklist sets which STAR self-review items of attempt id are ticked (bits 0-4).
func (l *Library) SetChecklist(id int64, bits uint8) error {
	if err := checkChecklist(bits); err != nil {
		return fmt.Errorf("save checklist: %w", err)
	}
	return l.update(id, "save checklist", `checklist = ?`, bits)
}

// SetNotes replaces the notes of attempt id.
func (l *Library) SetNotes(id int64, notes string) error {
	return l.update(id, "save notes", `notes = ?`, notes)
}

// SetMetrics stores the delivery analysis of attempt id (JSON; nil clears it).
func (l *Library) SetMetrics(id int64, metrics []byte) error {
	if err := checkMetrics(metrics); err != nil {
		return fmt.Errorf("save delivery analysis: %w", err)
	}
	return l.update(id, "save delivery analysis", `metrics = ?`, metrics)
}

// update sets one column of attempt id.
func (l *Library) update(id int64, what, set string, value any) error {
	res, err := l.db.Exec(`UPDATE attempts SET `+set+` WHERE id = ?`, value, id)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return mustAffect(res, what)
}

// Delete removes attempt id with its .wav, the .peaks summary and the .json sidecar beside it
// (files already gone are fine). If a file cannot be removed the attempt is kept.
func (l *Library) Delete(id int64) (err error) {
	tx, err := l.db.Begin()
	if err != nil {
		return fmt.Errorf("delete answer: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var file string
	if err = tx.QueryRow(`DELETE FROM attempts WHERE id = ? RETURNING file`, id).Scan(&file); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = ErrNotFound
		}
		return fmt.Errorf("delete answer: %w", err)
	}
	if err = RemoveRecording(l.filePath(file)); err != nil {
		return fmt.Errorf("delete answer: %w", err)
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("delete answer: %w", err)
	}
	return nil
}

// RemoveRecording deletes the files of the recording at wavPath: the waveform and the sidecar
// first and the audio last, so a failure part-way never leaves a listed answer without its
// sound. A file already gone is fine.
func RemoveRecording(wavPath string) error {
	for _, p := range []string{PeaksPath(wavPath), SidecarPath(wavPath), wavPath + ".part", wavPath} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", p, err)
		}
	}
	return nil
}

// CountByPrinciple returns how many attempts each principle has, counting every attempt including
// those whose file is missing. Principles without attempts are absent; key 0 counts imported
// recordings whose principle is unknown.
func (l *Library) CountByPrinciple() (map[int]int, error) {
	rows, err := l.db.Query(`SELECT principle, count(*) FROM attempts GROUP BY principle`)
	if err != nil {
		return nil, fmt.Errorf("count answers: %w", err)
	}
	defer rows.Close()
	counts := map[int]int{}
	for rows.Next() {
		var p, n int
		if err := rows.Scan(&p, &n); err != nil {
			return nil, fmt.Errorf("count answers: %w", err)
		}
		counts[p] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count answers: %w", err)
	}
	return counts, nil
}

// fileKey is how a recording path is stored: relative to RecordingsDir when inside it (so the data
// folder can move), else absolute.
func (l *Library) fileKey(abs string) string {
	rel, err := filepath.Rel(l.RecordingsDir(), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return rel
}

// filePath turns a stored file key back into an absolute path.
func (l *Library) filePath(key string) string {
	if filepath.IsAbs(key) {
		return key
	}
	return filepath.Join(l.RecordingsDir(), key)
}

// checkRating reports a rating outside 0-5.
func checkRating(r int) error {
	if r < 0 || r > 5 {
		return fmt.Errorf("rating %d is outside 0 (unrated) to 5", r)
	}
	return nil
}

// checkChecklist reports bits beyond the checklist's items.
func checkChecklist(bits uint8) error {
	if bits>>ChecklistItems != 0 {
		return fmt.Errorf("checklist value %#b has more than %d items", bits, ChecklistItems)
	}
	return nil
}

// checkMetrics reports metrics that are not valid JSON (nil is allowed).
func checkMetrics(m []byte) error {
	if m != nil && !json.Valid(m) {
		return errors.New("the delivery analysis is not valid JSON")
	}
	return nil
}

// checkMarks reports a mark with an unknown segment or a negative time.
func checkMarks(marks []practice.Mark) error {
	for _, m := range marks {
		if !m.Valid() {
			return fmt.Errorf("STAR mark %+v is not valid (segment 0-3, time not negative)", m)
		}
	}
	return nil
}
