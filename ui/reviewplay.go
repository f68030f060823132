package ui

import (
	"fmt"
	"log"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice/audio"
	"lpcoach/practice/library"
	"lpcoach/practice/wav"
	"lpcoach/practice/waveform"
)

// playTick is how often the playhead moves while playing (25 Hz).
const playTick = 40 * time.Millisecond

// playback plays one recording with a waveform, a play/pause button and an elapsed/total clock.
// The output device opens on the first Play (not on selection, so browsing answers keeps no
// device busy) and is released when another recording is loaded. Its fields belong to the UI
// goroutine; opening and closing the device run on goroutines that report through onUI.
type playback struct {
	sound   Sound         // nil when there is no sound system
	device  func() string // the output device's ID, read on the UI goroutine
	onErr   func(error)
	onStart func() // called when playback starts; may be nil

	wave   *waveView
	button *widget.Button
	clock  *widget.Label

	path   string
	total  time.Duration
	width  time.Duration // the time the waveform's width stands for (at least total)
	exists bool          // the recording is there to draw
	usable bool          // ... and there is a sound system to play it
	pos    time.Duration // the position while no player is open, else the last one read
	speed  float64

	player   *audio.Player
	opening  bool
	wantPlay bool         // play as soon as the opening player is ready
	gen      int          // bumped whenever the recording changes; stale opens are dropped
	stop     func()       // stops the playhead ticker; nil when not ticking
	shown    bool         // the button shows Pause
	blocked  func() error // why playback may not start now (an answer is being recorded), or nil
}

func newPlayback(sound Sound, device func() string, blocked func() error, onErr func(error)) *playback {
	p := &playback{sound: sound, device: device, blocked: blocked, onErr: onErr, speed: 1, wave: newWaveView(), clock: widget.NewLabel("0:00 / 0:00")}
	p.button = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), p.toggle)
	p.wave.OnSeek = p.seek
	p.clock.TextStyle.Monospace = true
	p.load("", 0, false)
	return p
}

// load makes the recording at path (of length total) the one to play; exists false (a missing
// file) disables playback and the waveform. Any previous player is released.
func (p *playback) load(path string, total time.Duration, exists bool) {
	p.release()
	p.path, p.total, p.width, p.pos = path, total, total, 0
	p.exists, p.usable = exists, exists && p.sound != nil
	p.wave.SetSummary(waveform.Summary{}, total)
	p.wave.SetOverlays(nil, nil)
	enable(p.button, p.usable)
	p.show()
}

// playing reports whether the recording plays, or is about to.
func (p *playback) playing() bool {
	if p.player != nil {
		return p.player.Playing()
	}
	return p.opening && p.wantPlay
}

// toggle plays or pauses; the first Play opens the output device.
func (p *playback) toggle() {
	switch {
	case !p.usable:
		return
	case p.playing():
		p.pause()
		return
	case p.blocked() != nil:
		p.onErr(p.blocked())
		return
	case p.player == nil:
		p.wantPlay = true
		if !p.opening {
			p.openPlayer()
		}
	default:
		p.player.Play()
		p.startTicker()
	}
	if p.onStart != nil {
		p.onStart()
	}
	p.show()
}

// pause holds playback where it is.
func (p *playback) pause() {
	p.wantPlay = false
	if p.player != nil {
		p.player.Pause()
		p.pos = p.player.Position()
	}
	p.stopTicker()
	p.show()
}

// openPlayer opens the output device off the UI goroutine.
func (p *playback) openPlayer() {
	p.opening = true
	gen, path, id := p.gen, p.path, p.device()
	go func() {
		pl, err := p.sound.OpenPlayer(id, path)
		onUI(func() { p.opened(gen, pl, err) })
	}()
}

// opened takes the new player on the UI goroutine, unless the recording changed meanwhile.
func (p *playback) opened(gen int, pl *audio.Player, err error) {
	if gen != p.gen {
		if pl != nil {
			go closePlayer(pl)
		}
		return
	}
	p.opening = false
	if err != nil {
		p.wantPlay = false
		p.onErr(err)
		p.show()
		return
	}
	p.player = pl
	if err := pl.SetSpeed(p.speed); err != nil {
		p.onErr(err)
	}
	pl.Seek(p.pos)
	if p.wantPlay {
		pl.Play()
		p.startTicker()
	}
	p.show()
}

// seek moves the playhead to d (clamped to the recording), playing or not.
func (p *playback) seek(d time.Duration) {
	if !p.usable {
		return
	}
	p.pos = min(max(d, 0), p.total)
	if p.player != nil {
		p.player.Seek(p.pos)
		p.pos = p.player.Position()
	}
	p.show()
}

// seekBy moves the playhead by d.
func (p *playback) seekBy(d time.Duration) {
	p.seek(p.position() + d)
}

// position is the current playback position.
func (p *playback) position() time.Duration {
	if p.player != nil {
		return p.player.Position()
	}
	return p.pos
}

// setSpeed changes the playback speed (audio.MinSpeed to audio.MaxSpeed), now and for later
// recordings.
func (p *playback) setSpeed(s float64) {
	p.speed = s
	if p.player != nil {
		if err := p.player.SetSpeed(s); err != nil {
			p.onErr(err)
		}
	}
}

// startTicker moves the playhead at 25 Hz until playback stops.
func (p *playback) startTicker() {
	if p.stop == nil {
		p.stop = every(playTick, p.tick)
	}
}

func (p *playback) stopTicker() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

// tick follows the player; at the end it stops the ticker.
func (p *playback) tick() {
	if p.player == nil || p.stop == nil {
		return
	}
	p.pos = p.player.Position()
	if !p.player.Playing() {
		p.stopTicker()
	}
	p.show()
}

// show updates the playhead, the clock and the button.
func (p *playback) show() {
	if p.usable {
		p.wave.SetPlayhead(p.pos)
	} else {
		p.wave.SetPlayhead(-1)
	}
	p.clock.SetText(clock(p.pos) + " / " + clock(p.total))
	if playing := p.playing(); playing != p.shown || p.button.Icon == nil {
		p.shown = playing
		if playing {
			p.button.SetText("Pause")
			p.button.SetIcon(theme.MediaPauseIcon())
		} else {
			p.button.SetText("Play")
			p.button.SetIcon(theme.MediaPlayIcon())
		}
	}
}

// release drops the player (closed off the UI goroutine) and any open under way.
func (p *playback) release() {
	if pl := p.detach(); pl != nil {
		go closePlayer(pl)
	}
}

// closeNow releases the player and waits for the device to close (when the window closes).
func (p *playback) closeNow() {
	if pl := p.detach(); pl != nil {
		closePlayer(pl)
	}
}

// detach forgets the player and returns it for closing.
func (p *playback) detach() *audio.Player {
	p.gen++
	p.stopTicker()
	p.opening, p.wantPlay = false, false
	pl := p.player
	p.player = nil
	return pl
}

// closePlayer closes pl, logging a failure (there is nothing the user can do about it).
func closePlayer(pl *audio.Player) {
	if err := pl.Close(); err != nil {
		log.Printf("close player: %v", err)
	}
}

// loadSummary returns the waveform of the recording at path, of about length want: from its
// .peaks file when that covers the recording, else computed from the samples. It reads files,
// so it never runs on the UI goroutine.
func loadSummary(path string, want time.Duration) (waveform.Summary, error) {
	if s, err := waveform.Load(library.PeaksPath(path)); err == nil && s.Duration() >= want-time.Second {
		return s, nil
	}
	a, err := wav.ReadFile(path)
	if err != nil {
		return waveform.Summary{}, fmt.Errorf("draw the waveform of %s: %w", filepath.Base(path), err)
	}
	return waveform.FromSamples(a.Mono(), a.SampleRate, 0), nil
}

// loadWave draws the recording's waveform once it is read, if p still holds that recording.
// It is a no-op for a missing recording.
func (p *playback) loadWave() {
	if !p.exists {
		return
	}
	gen, path, total, width := p.gen, p.path, p.total, max(p.width, p.total)
	p.wave.SetSummary(waveform.Summary{}, width)
	go func() {
		s, err := loadSummary(path, total)
		onUI(func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.onErr(err)
				return
			}
			p.wave.SetSummary(s, width)
		})
	}()
}
