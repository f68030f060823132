package ui

import (
	"fmt"
	"time"
)

// clock formats a duration as m:ss.
func clock(d time.Duration) string {
	d = d.Truncate(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// parseClock reads "m:ss".
func parseClock(s string) (time.Duration, error) {
	var m, sec int
	if _, err := fmt.Sscanf(s, "%d:%02d", &m, &sec); err != nil {
		return 0, fmt.Errorf("read %q as m:ss: %w", s, err)
	}
	return time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, nil
}
