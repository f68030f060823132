package audio

import (
	"fmt"
	"syscall"
)

// checkFree returns an error wrapping ErrDiskLow when the file system holding dir has less than
// minFree bytes available to the user, and a plain error when dir cannot be examined.
func checkFree(dir string, minFree int64) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return fmt.Errorf("check the recordings folder %s: %w", dir, err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	if free < minFree {
		return fmt.Errorf("%w: %d MB free in %s, at least %d MB needed; free some space and try again",
			ErrDiskLow, free>>20, dir, minFree>>20)
	}
	return nil
}
