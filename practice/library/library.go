// Package library keeps everything the user makes in LP Coach: their own questions and every
// recorded answer (attempt) with its rating, self-review checklist, notes, STAR marks and
// delivery metrics. Metadata lives in SQLite (dir/lpcoach.db, WAL mode); audio stays in plain
// WAV files under dir/recordings, which remain the source of truth: Recover re-imports a
// recording whose row is missing and marks a row whose file is gone as missing.
//
// A *Library is safe for concurrent use by multiple goroutines.
package library

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

const (
	dbName        = "lpcoach.db"
	lockName      = "lpcoach.lock"
	recordingsDir = "recordings"
	dirMode       = 0o700
	fileMode      = 0o600
	// MaxPrinciple is the number of Leadership Principles; principles are numbered 1 to MaxPrinciple.
	MaxPrinciple = 16
)

// Library is an open data directory: the SQLite database and the recordings folder.
type Library struct {
	dir    string
	dbPath string
	db     *sql.DB
	lock   *os.File // held (flock) while open: one app per data folder

	mu       sync.Mutex          // guards reserved and serialises Recover
	reserved map[string]struct{} // recording paths handed out by NewRecordingPath not yet added
}

// DefaultDir returns the data directory: $LPCOACH_DATA_DIR if set, else $XDG_DATA_HOME/lpcoach
// (when XDG_DATA_HOME is an absolute path), else ~/.local/share/lpcoach.
func DefaultDir() (string, error) {
	if d := os.Getenv("LPCOACH_DATA_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "lpcoach"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder: no home folder is known (set LPCOACH_DATA_DIR): %w", err)
	}
	return filepath.Join(home, ".local", "share", "lpcoach"), nil
}

// Open opens the library in dir: it creates dir and dir/recordings (both 0700, tightened to 0700
// if they exist), opens dir/lpcoach.db (0600, as are its -wal and -shm files) and brings its
// schema up to date. A damaged database gives an error that names the file.
func Open(dir string) (*Library, error) {
	if dir == "" {
		return nil, errors.New("open library: no data folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open library in %s: %w", dir, err)
	}
	if err := makePrivateDirs(abs, filepath.Join(abs, recordingsDir)); err != nil {
		return nil, err
	}
	lock, err := lockDir(abs)
	if err != nil {
		return nil, err
	}
	l := &Library{dir: abs, dbPath: filepath.Join(abs, dbName), lock: lock, reserved: map[string]struct{}{}}
	if err := l.openDB(); err != nil {
		lock.Close()
		return nil, err
	}
	return l, nil
}

// ErrInUse means another LP Coach has the data folder open.
var ErrInUse = errors.New("LP Coach is already running with this data folder; use that window, or close it first")

// lockDir takes an exclusive lock on dir/lpcoach.lock, so that a second app cannot take the first
// one's recording in progress for a crash leftover. The lock ends with the process.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s)", ErrInUse, dir)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// makePrivateDirs creates each directory (and parents) and makes it 0700.
func makePrivateDirs(dirs ...string) error {
	for _, d := range dirs {
		if err := os.MkdirAll(d, dirMode); err != nil {
			return fmt.Errorf("create folder %s: %w", d, err)
		}
		if err := os.Chmod(d, dirMode); err != nil {
			return fmt.Errorf("make folder %s private: %w", d, err)
		}
	}
	return nil
}

// openDB creates the database file 0600 if needed, opens it, migrates and fixes permissions.
func (l *Library) openDB() error {
	f, err := os.OpenFile(l.dbPath, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("open database %s: %w", l.dbPath, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("open database %s: %w", l.dbPath, err)
	}
	db, err := sql.Open("sqlite", dsn(l.dbPath))
	if err != nil {
		return fmt.Errorf("open database %s: %w", l.dbPath, err)
	}
	l.db = db
	if err := migrate(db); err != nil {
		_ = db.Close()
		return fmt.Errorf("database %s cannot be used (if it is damaged, move it aside and LP Coach will start a new one; recordings are kept): %w", l.dbPath, err)
	}
	if err := l.fixPermissions(); err != nil {
		_ = db.Close()
		return err
	}
	return nil
}

// dsn builds the driver connection string: WAL, a busy timeout, foreign keys on, and write
// transactions that take the lock at BEGIN (no upgrade deadlocks between connections).
func dsn(path string) string {
	u := url.URL{Scheme: "file", Path: path} // escapes ?, # and % in folder names
	return u.String() +
		"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_txlock=immediate"
}

// fixPermissions makes the database and its -wal and -shm files 0600.
func (l *Library) fixPermissions() error {
	for _, p := range []string{l.dbPath, l.dbPath + "-wal", l.dbPath + "-shm"} {
		if err := os.Chmod(p, fileMode); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("make %s private: %w", p, err)
		}
	}
	return nil
}

// Close closes the database and releases the folder. The Library must not be used afterwards.
func (l *Library) Close() error {
	err := l.db.Close()
	l.lock.Close()
	if err != nil {
		return fmt.Errorf("close database %s: %w", l.dbPath, err)
	}
	return nil
}

// RecordingsDir returns the absolute folder that holds the WAV recordings.
func (l *Library) RecordingsDir() string { return filepath.Join(l.dir, recordingsDir) }
