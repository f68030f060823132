package library

import (
	"database/sql"
	"fmt"
)

// migrations holds the schema, one step per entry; PRAGMA user_version counts the steps applied.
// To change the schema, append a step: never edit or reorder one that has shipped.
var migrations = []string{
	// 1: custom questions, attempts and their STAR marks.
	`CREATE TABLE questions (
		id        INTEGER PRIMARY KEY,
		principle INTEGER NOT NULL CHECK (principle BETWEEN 1 AND 16),
		text      TEXT    NOT NULL CHECK (text <> ''),
		fold      TEXT    NOT NULL,                -- normalised text for duplicate checks
		created   INTEGER NOT NULL                 -- unix nanoseconds
	);
	CREATE UNIQUE INDEX questions_unique ON questions (principle, fold);
	CREATE TABLE attempts (
		id        INTEGER PRIMARY KEY,
		principle INTEGER NOT NULL CHECK (principle BETWEEN 0 AND 16), -- 0: unknown (imported)
		question  TEXT    NOT NULL DEFAULT '',
		started   INTEGER NOT NULL,                -- unix nanoseconds
		duration  INTEGER NOT NULL DEFAULT 0,      -- nanoseconds
		device    TEXT    NOT NULL DEFAULT '',
		dropped   INTEGER NOT NULL DEFAULT 0,
		file      TEXT    NOT NULL UNIQUE,         -- relative to recordings/, or absolute
		origin    TEXT    NOT NULL CHECK (origin IN ('ok', 'recovered')),
		missing   INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
		rating    INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
		checklist INTEGER NOT NULL DEFAULT 0 CHECK (checklist BETWEEN 0 AND 31),
		notes     TEXT    NOT NULL DEFAULT '',
		metrics   BLOB
	);
	CREATE INDEX attempts_principle ON attempts (principle, started);
	CREATE INDEX attempts_started ON attempts (started);
	CREATE TABLE marks (
		attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
		seq        INTEGER NOT NULL,
		segment    INTEGER NOT NULL CHECK (segment BETWEEN 0 AND 3),
		at         INTEGER NOT NULL CHECK (at >= 0), -- nanoseconds into the answer
		PRIMARY KEY (attempt_id, seq)
	) WITHOUT ROWID;`,
	// 2: the answer target in force when an attempt was recorded (0: not known).
	`ALTER TABLE attempts ADD COLUMN target INTEGER NOT NULL DEFAULT 0 CHECK (target >= 0); -- nanoseconds`,
}

// migrate applies the steps the database has not seen yet, each in its own transaction.
func migrate(db *sql.DB) error {
	for {
		done, err := migrateStep(db)
		if err != nil || done {
			return err
		}
	}
}

// migrateStep applies the next pending step; done reports that none was pending. The version is
// read inside the (immediate) transaction, so two processes opening at once cannot both apply it.
func migrateStep(db *sql.DB) (done bool, err error) {
	tx, err := db.Begin()
	if err != nil {
		return false, fmt.Errorf("start schema update: %w", err)
	}
	defer func() {
		if err != nil || done {
			_ = tx.Rollback()
		}
	}()
	var version int
	if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return false, fmt.Errorf("it was written by a newer version of LP Coach (schema %d, this version knows %d)", version, len(migrations))
	case version == len(migrations):
		return true, nil
	}
	if _, err := tx.Exec(migrations[version]); err != nil {
		return false, fmt.Errorf("update schema to version %d: %w", version+1, err)
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, fmt.Errorf("record schema version %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit schema version %d: %w", version+1, err)
	}
	return false, nil
}
