// Package assets embeds LP Coach's teaching content (one TOML file per leadership principle)
// and the app icon into the binary.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed principles/*.toml
var principles embed.FS

//go:embed icon.png
var icon []byte

// PrinciplesDir is the folder of Principles that holds the principle files.
const PrinciplesDir = "principles"

// Principles returns the embedded principle files.
func Principles() fs.FS { return principles }

// Icon returns the app icon as PNG bytes (512x512).
func Icon() []byte { return icon }
