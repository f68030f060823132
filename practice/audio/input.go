package audio

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/gen2brain/malgo"
)

// meterWindow is how many frames one published level covers (50 ms).
const meterWindow = SampleRate / 20

// levelStale is how old the last callback may be before Level reports silence.
const levelStale = 500 * time.Millisecond

// Input is a warm capture stream: open it when the practice view shows, poll Level for a meter,
// and Record from it without waiting for the device to start. Its methods are safe to call from
// any goroutine.
type Input struct {
	sys  *System
	dev  *malgo.Device
	base time.Time // monotonic origin of the callback clock

	lastCB atomic.Int64  // nanoseconds after base of the latest callback; 0 = none yet
	frames atomic.Int64  // frames delivered since the stream started
	period atomic.Int64  // largest callback in frames
	level  atomic.Uint64 // published level: peak magnitude << 32 | float32 bits of RMS
	target atomic.Pointer[capture]
	acc    meterAcc // the current meter window; callback only

	mu     sync.Mutex // guards rec and closed; never taken by the callback
	rec    *Recording
	closed bool
}

// meterAcc accumulates one meter window. Only the capture callback touches it.
type meterAcc struct {
	peak  int32
	sumSq float64
	n     int64
}

// OpenInput opens and starts the capture device with the given ID ("" for the system default)
// as 48 kHz mono 16-bit. Frames may take a moment to arrive; Err reports a device that sends
// none.
func (s *System) OpenInput(deviceID string) (*Input, error) {
	if err := s.requireDevice(malgo.Capture, deviceID, ErrNoMicrophone); err != nil {
		return nil, err
	}
	cfg := malgo.DefaultDeviceConfig(malgo.Capture)
	cfg.Capture.Format = malgo.FormatS16
	cfg.Capture.Channels = 1
	cfg.SampleRate = SampleRate
	cfg.Pulse.StreamNameCapture = "LP Coach microphone"
	in := &Input{sys: s, base: time.Now()}
	dev, err := s.openDevice(cfg, deviceID, malgo.DeviceCallbacks{Data: in.onData})
	if err != nil {
		return nil, fmt.Errorf("%w: %v; check that a microphone is plugged in and not muted, and that the sound server (PulseAudio or PipeWire) is running", ErrNoMicrophone, err)
	}
	in.dev = dev
	return in, nil
}

// onData is the capture callback. It runs on miniaudio's thread: it only reads the samples,
// updates atomics and pushes into the armed recording's ring. No allocation, lock, I/O or
// blocking happens here.
func (in *Input) onData(_, input []byte, frameCount uint32) {
	n := min(int(frameCount), len(input)/2)
	if n == 0 {
		return
	}
	s := unsafe.Slice((*int16)(unsafe.Pointer(&input[0])), n)
	now := int64(time.Since(in.base))
	if c := in.target.Load(); c != nil {
		c.push(s, now)
	}
	in.frames.Add(int64(n))
	if int64(n) > in.period.Load() {
		in.period.Store(int64(n))
	}
	in.meter(s)
	in.lastCB.Store(max(now, 1))
}

// meter accumulates s into the current window and publishes the window's level when full.
func (in *Input) meter(s []int16) {
	pk, sq := blockStats(s)
	a := &in.acc
	a.peak = max(a.peak, pk)
	a.sumSq += sq
	a.n += int64(len(s))
	if a.n < meterWindow {
		return
	}
	rms := float32(math.Sqrt(a.sumSq / float64(a.n)))
	in.level.Store(uint64(a.peak)<<32 | uint64(math.Float32bits(rms)))
	*a = meterAcc{}
}

// Level returns the level of the latest 50 ms of sound, or silence when none arrives.
func (in *Input) Level() Level {
	if in.lastCB.Load() == 0 || in.quietFor() > levelStale {
		return silentLevel
	}
	v := in.level.Load()
	return Level{
		PeakDBFS: dbfs(float64(v>>32) / 32768),
		RMSDBFS:  dbfs(float64(math.Float32frombits(uint32(v))) / 32768),
	}
}

// Frames returns how many frames the device has delivered since it started.
func (in *Input) Frames() int64 {
	return in.frames.Load()
}

// Err reports a fault of the stream: ErrClosed, ErrNoAudio when no frame arrived within
// FirstFrameTimeout of opening, ErrStalled when none arrived for StallTimeout. Nil means healthy
// (or still within the start-up allowance).
func (in *Input) Err() error {
	in.mu.Lock()
	closed := in.closed
	in.mu.Unlock()
	if closed {
		return ErrClosed
	}
	return in.health(FirstFrameTimeout)
}

// health applies the watchdog rules with the given allowance for the first frame.
func (in *Input) health(firstFrame time.Duration) error {
	if in.lastCB.Load() == 0 {
		if time.Since(in.base) > firstFrame {
			return errNoAudio(firstFrame)
		}
		return nil
	}
	if quiet := in.quietFor(); quiet > StallTimeout {
		return errStalled(quiet)
	}
	return nil
}

// quietFor returns how long ago the latest callback ran (0 if none has).
func (in *Input) quietFor() time.Duration {
	last := in.lastCB.Load()
	if last == 0 {
		return 0
	}
	return time.Since(in.base) - time.Duration(last)
}

// Close stops a running recording (keeping what it captured), then stops and releases the
// device. It returns within about CloseTimeout even if the device hangs; the stuck call is left
// on its own goroutine and an error wrapping ErrDeviceStuck is returned.
func (in *Input) Close() error {
	in.mu.Lock()
	if in.closed {
		in.mu.Unlock()
		return nil
	}
	in.closed = true
	rec := in.rec
	in.mu.Unlock()
	if rec != nil {
		rec.halt(ReasonInputClosed, nil)
		<-rec.Done()
	}
	if err := in.sys.release(in.dev, "stopping the microphone"); err != nil {
		return fmt.Errorf("close microphone: %w", err)
	}
	return nil
}
