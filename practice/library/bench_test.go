package library

import (
	"testing"
	"time"
)

// BenchmarkAttempts lists 1,000 attempts, each with four STAR marks and metrics.
func BenchmarkAttempts(b *testing.B) {
	l := openTemp(b)
	start := time.Date(2026, 11, 1, 8, 0, 0, 0, time.Local)
	for i := range 1000 {
		a := sampleAttempt(l, i%MaxPrinciple+1, start.Add(time.Duration(i)*time.Minute))
		if _, err := l.AddAttempt(a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		list, err := l.Attempts(Filter{})
		if err != nil || len(list) != 1000 {
			b.Fatalf("Attempts = %d, %v", len(list), err)
		}
	}
}

// BenchmarkAddAttempt stores one attempt with four marks per iteration.
func BenchmarkAddAttempt(b *testing.B) {
	l := openTemp(b)
	start := time.Now()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		if _, err := l.AddAttempt(sampleAttempt(l, 1, start.Add(time.Duration(i)*time.Second))); err != nil {
			b.Fatal(err)
		}
	}
}
