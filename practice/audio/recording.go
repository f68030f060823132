package audio

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"lpcoach/practice/wav"
	"lpcoach/practice/waveform"
)

// Defaults of Options.
const (
	DefaultMaxLength    = 15 * time.Minute
	DefaultMinFreeBytes = 50 << 20
)

const (
	drainInterval = 10 * time.Millisecond  // how often the writer drains the ring
	syncInterval  = time.Second            // how often sizes are patched, the file synced, space checked
	stopTimeout   = 5 * time.Second        // how long Stop waits for the file to be finalised
	tailTimeout   = 250 * time.Millisecond // how long a Stop waits for frames captured before it
	ringSeconds   = 4                      // ring capacity: how long the writer may fall behind
	chunkFrames   = SampleRate / 10        // frames the writer moves per write
	driftPerMille = 1                      // clock drift allowed before missing frames count as dropped
)

// Options tune a Recording. Zero fields take the defaults.
type Options struct {
	MaxLength    time.Duration // the recording stops by itself at this length (DefaultMaxLength)
	MinFreeBytes int64         // recording refuses to start, or stops, below this free space (DefaultMinFreeBytes)
}

// withDefaults fills zero fields.
func (o Options) withDefaults() Options {
	if o.MaxLength <= 0 {
		o.MaxLength = DefaultMaxLength
	}
	if o.MinFreeBytes <= 0 {
		o.MinFreeBytes = DefaultMinFreeBytes
	}
	return o
}

// StopReason says why a recording ended.
type StopReason int

// Stop reasons.
const (
	ReasonNone          StopReason = iota // still recording
	ReasonStopped                         // Stop was called
	ReasonLengthCap                       // Options.MaxLength was reached
	ReasonNoAudio                         // the microphone sent nothing after the start
	ReasonDeviceStalled                   // the microphone stopped sending sound
	ReasonWriteFailed                     // the file could not be written
	ReasonDiskLow                         // free space fell below Options.MinFreeBytes
	ReasonInputClosed                     // the Input was closed while recording
)

// String describes the reason in words for the user.
func (r StopReason) String() string {
	switch r {
	case ReasonNone:
		return "still recording"
	case ReasonStopped:
		return "stopped"
	case ReasonLengthCap:
		return "stopped at the maximum length"
	case ReasonNoAudio:
		return "stopped because the microphone sent no sound"
	case ReasonDeviceStalled:
		return "stopped because the microphone stopped sending sound"
	case ReasonWriteFailed:
		return "stopped because the recording could not be saved"
	case ReasonDiskLow:
		return "stopped because the disk is nearly full"
	case ReasonInputClosed:
		return "stopped because the microphone was closed"
	}
	return fmt.Sprintf("stopped (reason %d)", int(r))
}

// Result describes a finished recording.
type Result struct {
	Path      string        // the finished WAV ("" when nothing was captured); NAME.wav.part if the rename failed
	PeaksPath string        // the saved waveform summary, NAME.peaks ("" if none)
	Frames    int64         // frames in the file
	Duration  time.Duration // Frames / SampleRate
	Dropped   int           // frames lost (ring overflow or frames missing against the clock); 0 normally
	Level     Level         // peak and RMS over the whole recording
	Reason    StopReason    // why it ended
	Err       error         // the fault that ended it, or a failure to finalise; nil for a clean stop
}

// capture is what the callback sees of an armed recording.
type capture struct {
	ring       *ring
	first      atomic.Int64 // callback clock (ns after Input.base) of the first frame; 0 = none yet
	until      atomic.Int64 // callback clock of the Stop call; 0 = open-ended
	complete   atomic.Bool  // every frame up to until has been stored
	deficit    atomic.Int64 // frames behind the clock at the latest callback
	firstBlock int64        // callback-only: frames in the first callback
	offered    int64        // callback-only: frames offered to the ring
}

// push stores a callback's frames, up to the stop point once one is set, and updates the clock
// accounting. Callback thread only.
func (c *capture) push(s []int16, now int64) {
	if c.complete.Load() {
		return
	}
	first, until := c.first.Load(), c.until.Load()
	if first == 0 {
		if until != 0 { // stopped before any frame arrived
			c.complete.Store(true)
			return
		}
		first = max(now, 1)
		c.first.Store(first)
		c.firstBlock = int64(len(s))
	}
	if until != 0 {
		owed := (until-first)*SampleRate/int64(time.Second) + c.firstBlock - c.offered
		if owed <= int64(len(s)) {
			s = s[:max(owed, 0)]
			c.complete.Store(true)
		}
	}
	c.ring.push(s)
	c.offered += int64(len(s))
	expected := (now - first) * SampleRate / int64(time.Second)
	c.deficit.Store(expected - (c.offered - c.firstBlock))
}

// Recording is one answer being captured from an Input into NAME.wav.part. Its methods are safe
// to call from any goroutine; it ends on Stop or by itself on a fault or the length cap, closing
// Done in either case.
type Recording struct {
	in        *Input
	c         *capture
	w         *wav.Writer
	path      string // final NAME.wav
	opts      Options
	capFrames int64
	started   time.Time

	wf *waveform.Builder // safe for concurrent Add (writer) and Snapshot (any goroutine)

	once   sync.Once
	stopCh chan struct{}
	reason StopReason // set once by halt, read by the writer after stopCh closes
	err    error
	done   chan struct{}
	result Result // written before done closes

	// writer goroutine only
	buf       []int16
	written   int64
	peak      int32
	sumSq     float64
	lastCheck time.Time
}

// Record starts recording the Input into path (which must end in .wav and whose folder must
// exist) via path+".part". The first frame lands within one device period of this call on a
// warm Input.
func (in *Input) Record(path string, opts Options) (*Recording, error) {
	opts = opts.withDefaults()
	if filepath.Ext(path) != ".wav" {
		return nil, fmt.Errorf("record to %s: the file name must end in .wav", path)
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("record to %s: the file already exists", path)
	}
	if err := checkFree(filepath.Dir(path), opts.MinFreeBytes); err != nil {
		return nil, err
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if err := in.canRecord(); err != nil {
		return nil, err
	}
	w, err := wav.Create(path+".part", SampleRate, 1)
	if err != nil {
		return nil, fmt.Errorf("start recording: %w", err)
	}
	r := newRecording(in, w, path, opts)
	in.rec = r
	go r.run()
	in.target.Store(r.c)
	return r, nil
}

// canRecord checks the Input can take a new recording. Caller holds in.mu.
func (in *Input) canRecord() error {
	switch {
	case in.closed:
		return ErrClosed
	case in.rec != nil:
		return ErrBusy
	}
	return in.health(FirstFrameTimeout)
}

// newRecording prepares a Recording and its preallocated buffers.
func newRecording(in *Input, w *wav.Writer, path string, opts Options) *Recording {
	capFrames := int64(opts.MaxLength / time.Second * SampleRate)
	capFrames += int64(opts.MaxLength%time.Second) * SampleRate / int64(time.Second)
	now := time.Now()
	return &Recording{
		in:        in,
		c:         &capture{ring: newRing(ringSeconds * SampleRate)},
		w:         w,
		path:      path,
		opts:      opts,
		capFrames: capFrames,
		started:   now,
		wf:        waveform.NewBuilder(SampleRate, waveform.DefaultFramesPerBucket, capFrames),
		stopCh:    make(chan struct{}),
		done:      make(chan struct{}),
		buf:       make([]int16, chunkFrames),
		lastCheck: now,
	}
}

// Elapsed is the length recorded so far: frames captured / SampleRate. It stays 0 until the
// first frame arrives.
func (r *Recording) Elapsed() time.Duration {
	select {
	case <-r.done:
		return r.result.Duration
	default:
	}
	return framesDuration(min(int64(r.c.ring.head.Load()), r.capFrames))
}

// Waveform returns a snapshot of the waveform summary recorded so far.
func (r *Recording) Waveform() waveform.Summary {
	return r.wf.Snapshot()
}

// Done is closed when the recording has ended and its files are finalised.
func (r *Recording) Done() <-chan struct{} {
	return r.done
}

// Stop ends the recording (if it has not ended by itself), finalises the files and returns the
// result. The error is the result's Err, or a timeout if saving takes over 5 s (then wait on Done
// and call Stop again for the result).
func (r *Recording) Stop() (Result, error) {
	r.halt(ReasonStopped, nil)
	timer := time.NewTimer(stopTimeout)
	defer timer.Stop()
	select {
	case <-r.done:
		return r.result, r.result.Err
	case <-timer.C:
		return Result{}, fmt.Errorf("saving the recording is taking longer than %v; it continues in the background", stopTimeout)
	}
}

// halt ends the recording and asks the writer to finalise it; the first reason given wins. On a
// Stop or Close the recording ends at the moment of the call: frames the device captured before
// it but delivers a little later are still stored (see finishTail). On a fault it ends at once.
func (r *Recording) halt(reason StopReason, err error) {
	r.once.Do(func() {
		if reason == ReasonStopped || reason == ReasonInputClosed {
			r.c.until.Store(max(int64(time.Since(r.in.base)), 1))
		} else {
			r.in.target.CompareAndSwap(r.c, nil)
		}
		r.reason, r.err = reason, err
		close(r.stopCh)
	})
}

// run is the writer goroutine: it drains the ring every drainInterval until halted, then
// finalises the files.
func (r *Recording) run() {
	ticker := time.NewTicker(drainInterval)
	defer ticker.Stop()
	for {
		select {
		case <-r.stopCh:
			r.finishTail()
			r.in.target.CompareAndSwap(r.c, nil)
			r.finish()
			return
		case <-ticker.C:
			if reason, err := r.step(); reason != ReasonNone {
				r.halt(reason, err)
			}
		}
	}
}

// step drains the ring, syncs and checks space once a second, and runs the watchdog.
func (r *Recording) step() (StopReason, error) {
	full, err := r.drain()
	switch {
	case err != nil:
		return ReasonWriteFailed, err
	case full:
		return ReasonLengthCap, nil
	}
	if time.Since(r.lastCheck) >= syncInterval {
		r.lastCheck = time.Now()
		if reason, err := r.checkpoint(); reason != ReasonNone {
			return reason, err
		}
	}
	return r.watchdog()
}

// checkpoint patches the header sizes, fsyncs, and checks the free space.
func (r *Recording) checkpoint() (StopReason, error) {
	if err := r.w.Sync(); err != nil {
		return ReasonWriteFailed, fmt.Errorf("save recording: %w", err)
	}
	err := checkFree(filepath.Dir(r.path), r.opts.MinFreeBytes)
	switch {
	case errors.Is(err, ErrDiskLow):
		return ReasonDiskLow, err
	case err != nil:
		return ReasonWriteFailed, err
	}
	return ReasonNone, nil
}

// watchdog stops a recording whose microphone never delivered or stopped delivering.
func (r *Recording) watchdog() (StopReason, error) {
	if r.c.first.Load() == 0 {
		if time.Since(r.started) > FirstFrameTimeout {
			return ReasonNoAudio, errNoAudio(FirstFrameTimeout)
		}
		return ReasonNone, nil
	}
	if quiet := r.in.quietFor(); quiet > StallTimeout {
		return ReasonDeviceStalled, errStalled(quiet)
	}
	return ReasonNone, nil
}

// drain moves everything in the ring to the file, up to the length cap; full reports the cap.
func (r *Recording) drain() (full bool, err error) {
	for {
		n := r.c.ring.pop(r.buf)
		if n == 0 {
			return false, nil
		}
		chunk := r.buf[:n]
		if room := r.capFrames - r.written; int64(n) >= room {
			chunk, full = chunk[:room], true
		}
		if err := r.write(chunk); err != nil || full {
			return full, err
		}
	}
}

// write appends chunk to the file, the waveform and the overall level.
func (r *Recording) write(chunk []int16) error {
	if err := r.w.Write(chunk); err != nil {
		return fmt.Errorf("save recording: %w", err)
	}
	r.written += int64(len(chunk))
	pk, sq := blockStats(chunk)
	r.peak = max(r.peak, pk)
	r.sumSq += sq
	r.wf.Add(chunk)
	return nil
}

// finishTail keeps draining after a Stop until the device has delivered every frame captured
// before the Stop call, or tailTimeout passes (a lagging or stalled device).
func (r *Recording) finishTail() {
	if r.c.until.Load() == 0 {
		return
	}
	deadline := time.Now().Add(tailTimeout)
	for !r.c.complete.Load() && time.Now().Before(deadline) {
		full, err := r.drain()
		switch {
		case err != nil:
			r.reason, r.err = ReasonWriteFailed, err
			return
		case full:
			r.reason = ReasonLengthCap
			return
		}
		time.Sleep(drainInterval / 2)
	}
}

// finish writes what is left in the ring, finalises the files and publishes the result.
func (r *Recording) finish() {
	reason, err := r.reason, r.err
	if reason != ReasonWriteFailed && reason != ReasonLengthCap {
		if _, derr := r.drain(); derr != nil {
			reason, err = ReasonWriteFailed, derr
		}
	}
	res := Result{Reason: reason, Err: err, Dropped: r.dropped(), Level: levelOf(r.peak, r.sumSq, r.written)}
	closeErr := r.w.Close()
	res.Frames = r.w.Frames()
	res.Duration = framesDuration(res.Frames)
	r.saveFiles(&res, closeErr)
	r.in.mu.Lock()
	if r.in.rec == r {
		r.in.rec = nil
	}
	r.in.mu.Unlock()
	r.result = res
	close(r.done)
}

// dropped counts frames lost to ring overflow plus frames missing against the clock beyond two
// device periods and a small drift allowance.
func (r *Recording) dropped() int {
	lost := int64(r.c.ring.dropped.Load())
	deficit := r.c.deficit.Load()
	tolerance := 2*r.in.period.Load() + r.written*driftPerMille/1000
	if deficit > tolerance {
		lost += deficit
	}
	return int(lost)
}

// saveFiles renames the finished .part to .wav and saves the waveform beside it. A recording
// with no frames leaves no file.
func (r *Recording) saveFiles(res *Result, closeErr error) {
	part := r.w.Path()
	if closeErr != nil && res.Err == nil {
		res.Reason, res.Err = ReasonWriteFailed, fmt.Errorf("save recording: %w", closeErr)
	}
	if res.Frames == 0 {
		if err := os.Remove(part); err != nil && !errors.Is(err, os.ErrNotExist) && res.Err == nil {
			res.Err = fmt.Errorf("remove empty recording: %w", err)
		}
		return
	}
	res.Path = part
	if err := os.Rename(part, r.path); err != nil {
		res.Err = errors.Join(res.Err, fmt.Errorf("finish recording %s: %w", filepath.Base(r.path), err))
		return
	}
	res.Path = r.path
	syncDir(filepath.Dir(r.path))
	peaks := strings.TrimSuffix(r.path, ".wav") + ".peaks"
	if err := waveform.Save(peaks, r.Waveform()); err != nil {
		res.Err = errors.Join(res.Err, fmt.Errorf("save waveform: %w", err))
		return
	}
	res.PeaksPath = peaks
}

// syncDir fsyncs a directory so a rename in it survives a crash; failures only weaken that.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// errNoAudio is the error of a microphone that sent nothing within d of starting.
func errNoAudio(d time.Duration) error {
	return fmt.Errorf("%w within %v of starting; check that it is plugged in and not muted, or choose another microphone", ErrNoAudio, d)
}

// errStalled is the error of a microphone that has been silent (no frames at all) for d.
func errStalled(d time.Duration) error {
	return fmt.Errorf("%w for %v; it may have been unplugged or the sound server stalled", ErrStalled, d.Round(100*time.Millisecond))
}
