package audio

import (
	"encoding/hex"
	"fmt"
	"log"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/gen2brain/malgo"
)

// EnvBackend names the environment variable that picks the sound backend ("null", "pulseaudio",
// "alsa", ...; empty or "auto" lets miniaudio choose).
const EnvBackend = "LPCOACH_AUDIO"

// nullCaptureName is the name miniaudio gives the null backend's capture device.
const nullCaptureName = "NULL Capture Device"

// backends maps the names accepted in EnvBackend to miniaudio backends. malgo.BackendNull names
// miniaudio's custom backend (off by one); the real null backend is the next value.
var backends = map[string]malgo.Backend{
	"wasapi":     malgo.BackendWasapi,
	"dsound":     malgo.BackendDsound,
	"winmm":      malgo.BackendWinmm,
	"coreaudio":  malgo.BackendCoreaudio,
	"sndio":      malgo.BackendSndio,
	"audio4":     malgo.BackendAudio4,
	"oss":        malgo.BackendOss,
	"pulseaudio": malgo.BackendPulseaudio,
	"alsa":       malgo.BackendAlsa,
	"jack":       malgo.BackendJack,
	"aaudio":     malgo.BackendAaudio,
	"opensl":     malgo.BackendOpensl,
	"null":       malgo.BackendNull + 1,
}

// System is one miniaudio context: it lists devices and opens Inputs and Players. Close it after
// closing everything opened from it.
type System struct {
	ctx *malgo.AllocatedContext

	mu     sync.Mutex
	stuck  int // device calls that timed out and may still be running
	closed bool
}

// Device describes one capture or playback device.
type Device struct {
	ID      string // stable identifier, accepted by OpenInput and OpenPlayer
	Name    string // human-readable name
	Default bool   // the system default for its direction
}

// NewSystem opens the sound system with the backend named by LPCOACH_AUDIO (automatic if unset).
func NewSystem() (*System, error) {
	return NewSystemFor(os.Getenv(EnvBackend))
}

// NewSystemFor opens the sound system with the named backend ("" or "auto" for automatic).
func NewSystemFor(backend string) (*System, error) {
	list, err := parseBackend(backend)
	if err != nil {
		return nil, err
	}
	ctx, err := malgo.InitContext(list, malgo.ContextConfig{}, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: the sound system could not start (%v); check that PulseAudio or PipeWire is running", ErrNoMicrophone, err)
	}
	return &System{ctx: ctx}, nil
}

// parseBackend turns a backend name into miniaudio's backend list (nil means automatic).
func parseBackend(name string) ([]malgo.Backend, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" || name == "auto" {
		return nil, nil
	}
	if name == "pulse" || name == "pipewire" {
		name = "pulseaudio"
	}
	b, ok := backends[name]
	if !ok {
		names := make([]string, 0, len(backends))
		for n := range backends {
			names = append(names, n)
		}
		slices.Sort(names)
		return nil, fmt.Errorf("unknown sound backend %q in %s; use auto or one of %s", name, EnvBackend, strings.Join(names, ", "))
	}
	return []malgo.Backend{b}, nil
}

// CaptureDevices lists the microphones.
func (s *System) CaptureDevices() ([]Device, error) {
	return s.devices(malgo.Capture)
}

// PlaybackDevices lists the speakers and headphones.
func (s *System) PlaybackDevices() ([]Device, error) {
	return s.devices(malgo.Playback)
}

// devices lists the devices of one direction, bounded by OpenTimeout.
func (s *System) devices(kind malgo.DeviceType) ([]Device, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	var infos []malgo.DeviceInfo
	err := s.within(OpenTimeout, "listing sound devices", func() error {
		var err error
		infos, err = s.ctx.Devices(kind)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list sound devices: %w", err)
	}
	out := make([]Device, len(infos))
	for i := range infos {
		out[i] = Device{ID: idString(infos[i].ID), Name: infos[i].Name(), Default: infos[i].IsDefault != 0}
	}
	return out, nil
}

// requireDevice checks that deviceID ("" is the system default) names a device of kind;
// notFound is the error it wraps when not.
func (s *System) requireDevice(kind malgo.DeviceType, deviceID string, notFound error) error {
	if deviceID == "" {
		return nil
	}
	devs, err := s.devices(kind)
	if err != nil {
		return fmt.Errorf("%w: %w", notFound, err)
	}
	return findDevice(devs, deviceID, notFound)
}

// NullCaptureOnly reports whether the only microphone in devs is miniaudio's silent null device,
// which happens when no real sound system could be loaded: recordings would be silent.
func NullCaptureOnly(devs []Device) bool {
	return len(devs) == 1 && devs[0].Name == nullCaptureName
}

// Close releases the sound system. If a device call is still stuck, the context is deliberately
// leaked (freeing it under a running call would crash) and the fact is logged.
func (s *System) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	stuck := s.stuck
	s.mu.Unlock()
	if stuck > 0 {
		log.Printf("audio: %d device call(s) still blocked; leaving the sound context open", stuck)
		return fmt.Errorf("close sound system: %w", ErrDeviceStuck)
	}
	err := s.within(CloseTimeout, "closing the sound system", func() error {
		err := s.ctx.Uninit()
		s.ctx.Free()
		return err
	})
	if err != nil {
		return fmt.Errorf("close sound system: %w", err)
	}
	return nil
}

// usable returns ErrClosed once the System is closed.
func (s *System) usable() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	return nil
}

// within runs f on its own goroutine and waits at most d for it. On timeout the call is left
// running (it is logged, and again if it ever returns) and an error wrapping ErrDeviceStuck is
// returned, so the caller gets control back whatever the device does.
func (s *System) within(d time.Duration, what string, f func() error) error {
	done := make(chan error, 1)
	abandoned := false // guarded by s.mu
	go func() {
		err := f()
		s.mu.Lock()
		if abandoned {
			s.stuck--
			log.Printf("audio: %s returned at last", what)
		}
		s.mu.Unlock()
		done <- err
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case err := <-done: // finished just as the timer fired
		return err
	default:
	}
	abandoned = true
	s.stuck++
	log.Printf("audio: %s still blocked after %v; left on its own goroutine", what, d)
	return fmt.Errorf("%s: %w", what, ErrDeviceStuck)
}

// openDevice initialises and starts a device, bounded by OpenTimeout. A device whose Init or
// Start completes only after the timeout is uninitialised in the background.
func (s *System) openDevice(cfg malgo.DeviceConfig, id string, cb malgo.DeviceCallbacks) (*malgo.Device, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	var raw malgo.DeviceID
	var pin runtime.Pinner // the C config points at raw while Init runs
	if id != "" {
		var err error
		if raw, err = parseID(id); err != nil {
			return nil, err
		}
		pin.Pin(&raw)
	}
	var h handoff
	err := s.within(OpenTimeout, "starting the sound device", func() error {
		defer pin.Unpin()
		dev, err := startDevice(s.ctx.Context, cfg, &raw, id != "", cb)
		if dev != nil && !h.deliver(dev) {
			dev.Uninit()
		}
		return err
	})
	if err != nil {
		if late := h.abandon(); late != nil {
			go late.Uninit()
		}
		return nil, err
	}
	return h.abandon(), nil
}

// handoff passes a device from the goroutine that opened it to the caller, unless the caller
// has given up waiting, in which case the opener must release it.
type handoff struct {
	mu        sync.Mutex
	dev       *malgo.Device
	abandoned bool
}

// deliver hands dev over; false means the caller gave up and dev must be released.
func (h *handoff) deliver(dev *malgo.Device) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.abandoned {
		return false
	}
	h.dev = dev
	return true
}

// abandon takes the delivered device, if any, and refuses later deliveries.
func (h *handoff) abandon() *malgo.Device {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.abandoned = true
	return h.dev
}

// startDevice runs Init and Start; on a Start failure the device is uninitialised again.
func startDevice(ctx malgo.Context, cfg malgo.DeviceConfig, raw *malgo.DeviceID, useID bool, cb malgo.DeviceCallbacks) (*malgo.Device, error) {
	if useID {
		if cfg.DeviceType == malgo.Capture {
			cfg.Capture.DeviceID = unsafe.Pointer(raw)
		} else {
			cfg.Playback.DeviceID = unsafe.Pointer(raw)
		}
	}
	dev, err := malgo.InitDevice(ctx, cfg, cb)
	if err != nil {
		return nil, err
	}
	if err := dev.Start(); err != nil {
		dev.Uninit()
		return nil, err
	}
	return dev, nil
}

// release stops and uninitialises dev within CloseTimeout.
func (s *System) release(dev *malgo.Device, what string) error {
	if dev == nil {
		return nil
	}
	return s.within(CloseTimeout, what, func() error {
		dev.Uninit()
		return nil
	})
}

// idPrefixHex marks a device ID that is not printable text and is given in hexadecimal.
const idPrefixHex = "hex:"

// idString renders a miniaudio device ID: printable text as is (PulseAudio and ALSA names such
// as "alsa_input.pci-0000_00_1f.3.analog-stereo" or "hw:0,0"), anything else as "hex:" + hex.
func idString(id malgo.DeviceID) string {
	end := 0
	for end < len(id) && id[end] != 0 {
		end++
	}
	text := end > 0
	for i, b := range id {
		if (i < end && (b < 0x20 || b > 0x7e)) || (i >= end && b != 0) {
			text = false
			break
		}
	}
	if text && !strings.HasPrefix(string(id[:end]), idPrefixHex) {
		return string(id[:end])
	}
	return idPrefixHex + id.String()
}

// parseID is the inverse of idString.
func parseID(s string) (malgo.DeviceID, error) {
	var id malgo.DeviceID
	if h, ok := strings.CutPrefix(s, idPrefixHex); ok {
		b, err := hex.DecodeString(h)
		if err != nil || len(b) > len(id) {
			return id, fmt.Errorf("device ID %q is not valid; run 'lpcoach devices' to list devices", s)
		}
		copy(id[:], b)
		return id, nil
	}
	if s == "" || len(s) >= len(id) {
		return id, fmt.Errorf("device ID %q is not valid; run 'lpcoach devices' to list devices", s)
	}
	copy(id[:], s)
	return id, nil
}

// findDevice returns an error wrapping missing when id is not among devs.
func findDevice(devs []Device, id string, missing error) error {
	if slices.ContainsFunc(devs, func(d Device) bool { return d.ID == id }) {
		return nil
	}
	return fmt.Errorf("%w: device %q is not connected; run 'lpcoach devices' to list devices", missing, id)
}
