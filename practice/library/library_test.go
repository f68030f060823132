package library

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDefaultDir(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder:", err)
	}
	tests := []struct {
		data, xdg, want string
	}{
		{"/data/lp", "/xdg", "/data/lp"},
		{"", "/xdg", "/xdg/lpcoach"},
		{"", "relative/xdg", filepath.Join(home, ".local", "share", "lpcoach")},
		{"", "", filepath.Join(home, ".local", "share", "lpcoach")},
	}
	for _, tc := range tests {
		t.Setenv("LPCOACH_DATA_DIR", tc.data)
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		if got, err := DefaultDir(); err != nil || got != tc.want {
			t.Errorf("DefaultDir(data=%q, xdg=%q) = %q, %v; want %q", tc.data, tc.xdg, got, err, tc.want)
		}
	}
}

func TestPermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(filepath.Join(dir, recordingsDir), 0o755); err != nil { // too open: Open tightens it
		t.Fatal(err)
	}
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.AddQuestion(1, "Write something so the WAL exists?"); err != nil {
		t.Fatal(err)
	}
	if err := WriteSidecar(l.NewRecordingPath(1, time.Now()), Sidecar{Principle: 1, Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{dir: dirMode, l.RecordingsDir(): dirMode}
	for _, f := range []string{dbName, dbName + "-wal", dbName + "-shm"} {
		want[filepath.Join(dir, f)] = fileMode
	}
	sidecars, _ := filepath.Glob(filepath.Join(l.RecordingsDir(), "*.json"))
	if len(sidecars) != 1 {
		t.Fatalf("found sidecars %v, want one", sidecars)
	}
	want[sidecars[0]] = fileMode
	for p, mode := range want {
		st, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s has mode %v, want %v", filepath.Base(p), st.Mode().Perm(), mode)
		}
	}
}

func TestCorruptDatabase(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
	}{
		{"garbage", bytes.Repeat([]byte("not a database, just noise! "), 200)},
		{"short garbage", []byte("oops")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, dbName)
			if err := os.WriteFile(db, tc.content, 0o600); err != nil {
				t.Fatal(err)
			}
			l, err := Open(dir)
			if err == nil {
				l.Close()
				t.Fatal("Open succeeded on a garbage database")
			}
			if !strings.Contains(err.Error(), db) || !strings.Contains(err.Error(), "damaged") {
				t.Errorf("error %q does not name %s and say it may be damaged", err, db)
			}
			if b, _ := os.ReadFile(db); !bytes.Equal(b, tc.content) {
				t.Error("Open changed the damaged database file")
			}
		})
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		l, err := Open(dir)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var version int
		if err := l.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil || version != len(migrations) {
			t.Errorf("open %d: user_version %d (%v), want %d", i, version, err, len(migrations))
		}
		if _, err := l.AddQuestion(1, fmt.Sprintf("Question %d?", i)); err != nil {
			t.Errorf("open %d: %v", i, err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if qs, err := l.Questions(1); err != nil || len(qs) != 3 {
		t.Errorf("after reopening: %d questions, %v; want 3", len(qs), err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if l, err := Open(dir); err == nil {
		l.Close()
		t.Fatal("Open accepted a database from a newer version")
	} else if !strings.Contains(err.Error(), "newer version") {
		t.Errorf("error %q does not say it is from a newer version", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	l := openTemp(t)
	const workers, each = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*2)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				now := time.Now()
				a, err := l.AddAttempt(Attempt{Principle: w%MaxPrinciple + 1, Path: l.NewRecordingPath(w+1, now), Started: now})
				if err == nil {
					err = l.SetRating(a.ID, i%6)
				}
				errs <- err
				_, err = l.AddQuestion(w+1, fmt.Sprintf("Question %d?", i))
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if list, err := l.Attempts(Filter{}); err != nil || len(list) != workers*each {
		t.Errorf("Attempts = %d, %v; want %d", len(list), err, workers*each)
	}
}

func TestOneAppPerDataFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "odd?name#50%")
	first, err := Open(dir)
	if err != nil {
		t.Fatalf("a folder name with ? # %%: %v", err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrInUse) {
		t.Fatalf("a second open of the same folder: %v, want ErrInUse", err)
	}
	if _, err := os.Stat(filepath.Join(dir, dbName)); err != nil {
		t.Fatalf("the database is not where it should be: %v", err)
	}
	first.Close()
	again, err := Open(dir)
	if err != nil {
		t.Fatalf("open after the first closed: %v", err)
	}
	again.Close()
}
