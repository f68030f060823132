package library

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors a caller can test for with errors.Is; their text is fit to show a user.
var (
	// ErrNotFound means the question or attempt no longer exists.
	ErrNotFound = errors.New("it no longer exists")
	// ErrEmptyQuestion means the question text is blank.
	ErrEmptyQuestion = errors.New("the question is empty")
	// ErrDuplicateQuestion means the principle already has the same question (ignoring case and spacing).
	ErrDuplicateQuestion = errors.New("this principle already has that question")
	// ErrDuplicateRecording means an attempt with the same recording file is already stored.
	ErrDuplicateRecording = errors.New("that recording is already in the history")
)

// Question is a custom question the user added to a principle.
type Question struct {
	ID        int64
	Principle int // 1-16
	Text      string
	Created   time.Time
}

// AddQuestion adds text (trimmed) to principle (1-16). Empty text gives ErrEmptyQuestion; text the
// principle already has, ignoring case and spacing, gives ErrDuplicateQuestion.
func (l *Library) AddQuestion(principle int, text string) (Question, error) {
	if err := checkPrinciple(principle); err != nil {
		return Question{}, fmt.Errorf("add question: %w", err)
	}
	q := Question{Principle: principle, Text: strings.TrimSpace(text), Created: time.Now()}
	if q.Text == "" {
		return Question{}, fmt.Errorf("add question: %w", ErrEmptyQuestion)
	}
	res, err := l.db.Exec(`INSERT INTO questions (principle, text, fold, created) VALUES (?, ?, ?, ?)`,
		q.Principle, q.Text, fold(q.Text), q.Created.UnixNano())
	if err != nil {
		return Question{}, fmt.Errorf("add question %q: %w", q.Text, questionError(err))
	}
	if q.ID, err = res.LastInsertId(); err != nil {
		return Question{}, fmt.Errorf("add question %q: %w", q.Text, err)
	}
	return q, nil
}

// UpdateQuestion replaces the text of question id, with the same rules as AddQuestion. Attempts
// already recorded keep the text they were answered under.
func (l *Library) UpdateQuestion(id int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return fmt.Errorf("change question: %w", ErrEmptyQuestion)
	}
	res, err := l.db.Exec(`UPDATE questions SET text = ?, fold = ? WHERE id = ?`, text, fold(text), id)
	if err != nil {
		return fmt.Errorf("change question to %q: %w", text, questionError(err))
	}
	return mustAffect(res, "change question")
}

// DeleteQuestion removes question id. Attempts answered to it are kept.
func (l *Library) DeleteQuestion(id int64) error {
	res, err := l.db.Exec(`DELETE FROM questions WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete question: %w", err)
	}
	return mustAffect(res, "delete question")
}

// Questions returns the custom questions of principle (1-16; 0 for all), oldest first.
func (l *Library) Questions(principle int) ([]Question, error) {
	rows, err := l.db.Query(`SELECT id, principle, text, created FROM questions
		WHERE ?1 = 0 OR principle = ?1 ORDER BY created, id`, principle)
	if err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	defer rows.Close()
	var qs []Question
	for rows.Next() {
		var q Question
		var created int64
		if err := rows.Scan(&q.ID, &q.Principle, &q.Text, &created); err != nil {
			return nil, fmt.Errorf("list questions: %w", err)
		}
		q.Created = time.Unix(0, created)
		qs = append(qs, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	return qs, nil
}

// fold normalises question text for duplicate checks: lower case, single spaces.
func fold(text string) string {
	return strings.ToLower(strings.Join(strings.Fields(text), " "))
}

// questionError turns a uniqueness violation into ErrDuplicateQuestion.
func questionError(err error) error {
	if isUnique(err) {
		return ErrDuplicateQuestion
	}
	return err
}

// isUnique reports whether err is SQLite's UNIQUE constraint violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

// checkPrinciple reports a principle number outside 1-16.
func checkPrinciple(p int) error {
	if p < 1 || p > MaxPrinciple {
		return fmt.Errorf("principle %d does not exist (they are numbered 1 to %d)", p, MaxPrinciple)
	}
	return nil
}

// mustAffect turns an UPDATE or DELETE that touched no row into ErrNotFound.
func mustAffect(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return nil
}
