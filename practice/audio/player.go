package audio

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gen2brain/malgo"

	"lpcoach/practice/wav"
)

// Playback speeds SetSpeed accepts.
const (
	MinSpeed = 0.75
	MaxSpeed = 1.5
)

// Player plays one WAV file through an output device. The device starts when the Player opens
// and outputs silence while paused, so Play, Pause and Seek act at once. Its methods are safe to
// call from any goroutine.
type Player struct {
	sys     *System
	dev     *malgo.Device
	samples []int16 // mono; read-only after open
	rate    int

	pos     atomic.Uint64 // float64 bits: position in frames
	speed   atomic.Uint64 // float64 bits: frames advanced per output frame
	playing atomic.Bool
	ended   chan struct{} // receives a value each time playback reaches the end

	mu     sync.Mutex
	closed bool
}

// OpenPlayer loads the WAV at path and opens the playback device with the given ID ("" for the
// system default), paused at the start.
func (s *System) OpenPlayer(deviceID, path string) (*Player, error) {
	a, err := wav.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open recording for playback: %w", err)
	}
	if err := s.requireDevice(malgo.Playback, deviceID, ErrNoSpeaker); err != nil {
		return nil, err
	}
	p := &Player{sys: s, samples: a.Mono(), rate: a.SampleRate, ended: make(chan struct{}, 1)}
	p.speed.Store(math.Float64bits(1))
	cfg := malgo.DefaultDeviceConfig(malgo.Playback)
	cfg.Playback.Format = malgo.FormatS16
	cfg.Playback.Channels = 1
	cfg.SampleRate = uint32(a.SampleRate)
	cfg.Pulse.StreamNamePlayback = "LP Coach playback"
	dev, err := s.openDevice(cfg, deviceID, malgo.DeviceCallbacks{Data: p.onData})
	if err != nil {
		return nil, fmt.Errorf("%w: %v; check that speakers or headphones are connected and the sound server is running", ErrNoSpeaker, err)
	}
	p.dev = dev
	return p, nil
}

// onData is the playback callback: it fills out by linear interpolation at the current speed,
// or with silence while paused. No allocation, lock or blocking happens here; reaching the end
// pauses and signals Ended without blocking.
func (p *Player) onData(out, _ []byte, frameCount uint32) {
	n := min(int(frameCount), len(out)/2)
	if n == 0 {
		return
	}
	o := unsafe.Slice((*int16)(unsafe.Pointer(&out[0])), n)
	if !p.playing.Load() {
		clear(o)
		return
	}
	old := p.pos.Load()
	pos, end := render(o, p.samples, math.Float64frombits(old), math.Float64frombits(p.speed.Load()))
	if !p.pos.CompareAndSwap(old, math.Float64bits(pos)) {
		return // a Seek landed meanwhile; it wins
	}
	if end {
		p.playing.Store(false)
		select {
		case p.ended <- struct{}{}:
		default:
		}
	}
}

// render writes samples from position pos (in frames, fractional) advancing by step per output
// frame into o, zero-filling past the end. It returns the new position and whether it reached
// the end.
func render(o, samples []int16, pos, step float64) (float64, bool) {
	last := len(samples) - 1
	for i := range o {
		idx := int(pos)
		if idx > last {
			clear(o[i:])
			return float64(len(samples)), true
		}
		a := float64(samples[idx])
		b := a
		if idx < last {
			b = float64(samples[idx+1])
		}
		o[i] = int16(a + (b-a)*(pos-float64(idx)))
		pos += step
	}
	return pos, false
}

// Play starts or resumes playback; at the end it starts again from the beginning.
func (p *Player) Play() {
	if p.frames(p.pos.Load()) >= int64(len(p.samples)) {
		p.pos.Store(math.Float64bits(0))
	}
	p.playing.Store(true)
}

// Pause pauses playback, keeping the position.
func (p *Player) Pause() {
	p.playing.Store(false)
}

// Playing reports whether playback is running.
func (p *Player) Playing() bool {
	return p.playing.Load()
}

// Seek moves to d from the start (clamped to the recording), playing or paused.
func (p *Player) Seek(d time.Duration) {
	d = min(max(d, 0), p.Duration())
	p.pos.Store(math.Float64bits(d.Seconds() * float64(p.rate)))
}

// Position returns the playback position from the start.
func (p *Player) Position() time.Duration {
	return time.Duration(p.frames(p.pos.Load())) * time.Second / time.Duration(p.rate)
}

// frames converts stored position bits to whole frames.
func (p *Player) frames(bits uint64) int64 {
	return int64(math.Float64frombits(bits))
}

// Duration returns the length of the recording.
func (p *Player) Duration() time.Duration {
	return time.Duration(len(p.samples)) * time.Second / time.Duration(p.rate)
}

// SetSpeed sets the playback speed, from MinSpeed to MaxSpeed (1 is normal; the pitch changes
// with it).
func (p *Player) SetSpeed(speed float64) error {
	if speed < MinSpeed || speed > MaxSpeed || math.IsNaN(speed) {
		return fmt.Errorf("playback speed %.2fx is out of range: use %.2fx to %.2fx", speed, MinSpeed, MaxSpeed)
	}
	p.speed.Store(math.Float64bits(speed))
	return nil
}

// Ended receives a value each time playback reaches the end (it holds at most one).
func (p *Player) Ended() <-chan struct{} {
	return p.ended
}

// Close stops playback and releases the device within about CloseTimeout, even if it hangs.
func (p *Player) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	p.playing.Store(false)
	if err := p.sys.release(p.dev, "stopping playback"); err != nil {
		return fmt.Errorf("close player: %w", err)
	}
	return nil
}
