package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestReadmeListsEveryShortcut keeps the README's shortcut table in step with the window.
func TestReadmeListsEveryShortcut(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	u, _ := newTestUI(t, test.NewApp(), t.TempDir())
	for _, k := range u.keyBindings() {
		if k.what != "" && !strings.Contains(readme, k.label()) {
			t.Errorf("README lacks the shortcut %s (%s)", k.label(), k.what)
		}
	}
}
