package ui

import (
	"testing"
	"time"
)

func TestClockRoundTrip(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{0, "0:00"}, {59999 * time.Millisecond, "0:59"}, {90 * time.Second, "1:30"}, {5 * time.Minute, "5:00"},
	}
	for _, c := range cases {
		got := clock(c.d)
		if got != c.want {
			t.Errorf("clock(%s) = %q, want %q", c.d, got, c.want)
		}
		if back, err := parseClock(got); err != nil || back != c.d.Truncate(time.Second) {
			t.Errorf("parseClock(%q) = %s, %v", got, back, err)
		}
	}
	if _, err := parseClock("soon"); err == nil {
		t.Error(`parseClock("soon") gave no error`)
	}
}
