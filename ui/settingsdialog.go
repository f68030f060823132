package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"lpcoach/practice"
	"lpcoach/practice/audio"
)

// micTestLength is how long the record-and-replay test records.
const micTestLength = 3 * time.Second

// defaultDevice is how the system default device is listed.
const defaultDevice = "System default"

// settingsDialog edits the devices and the answer plan. Changes apply and are remembered at once.
type settingsDialog struct {
	u       *UI
	dlg     *dialog.CustomDialog
	meter   *levelMeter
	test    *widget.Button
	result  *widget.Label
	split   [4]*keyEntry
	problem *widget.Label
	stop    chan struct{}
}

// showSettings opens the settings dialog.
func (u *UI) showSettings() {
	d := &settingsDialog{u: u, meter: newLevelMeter(), stop: make(chan struct{})}
	form := widget.NewForm(d.deviceItems()...)
	for _, it := range d.planItems() {
		form.AppendItem(it)
	}
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.dlg = dialog.NewCustom("Settings", "Close", container.NewVBox(form, d.problem), u.win)
	d.dlg.SetOnClosed(d.closed)
	d.dlg.Resize(fyne.NewSize(660, 560))
	d.dlg.Show()
	u.practice.inSettings = true
	u.practice.ensureInput(nil)
	go d.pollLevel()
}

// deviceItems are the microphone and speaker choices, the live level and the replay test.
func (d *settingsDialog) deviceItems() []*widget.FormItem {
	snd := d.u.cfg.Sound
	if snd == nil {
		msg := widget.NewLabel(audio.Message(fmt.Errorf("no sound system: %w", d.u.cfg.NoSound)))
		msg.Wrapping = fyne.TextWrapWord
		return []*widget.FormItem{widget.NewFormItem("Sound", msg)}
	}
	mics, _ := snd.CaptureDevices()
	spks, _ := snd.PlaybackDevices()
	mic := deviceSelect(mics, d.u.settings.input, func(id string) {
		d.u.settings.input = id
		d.u.settings.save()
		d.u.practice.reopenInput()
	})
	spk := deviceSelect(spks, d.u.settings.output, func(id string) {
		d.u.settings.output = id
		d.u.settings.save()
	})
	d.test = widget.NewButton("Record 3 seconds and play them back", d.runMicTest)
	d.result = widget.NewLabel("")
	d.result.Wrapping = fyne.TextWrapWord
	return []*widget.FormItem{
		widget.NewFormItem("Microphone", mic),
		widget.NewFormItem("Level", d.meter.bar),
		widget.NewFormItem("Speakers", spk),
		widget.NewFormItem("Test", container.NewVBox(d.test, d.result)),
	}
}

// deviceSelect is a drop-down of devices with the system default first; picked gets the chosen ID.
func deviceSelect(devs []audio.Device, current string, picked func(id string)) *widget.Select {
	names := []string{defaultDevice}
	ids := map[string]string{defaultDevice: ""}
	selected := defaultDevice
	for _, dev := range devs {
		names = append(names, dev.Name)
		ids[dev.Name] = dev.ID
		if dev.ID == current && current != "" {
			selected = dev.Name
		}
	}
	s := widget.NewSelect(names, nil)
	s.SetSelected(selected)
	s.OnChanged = func(name string) { picked(ids[name]) }
	return s
}

// planItems are the prep time, the target, the STAR split and the hard limit.
func (d *settingsDialog) planItems() []*widget.FormItem {
	plan := d.u.settings.plan
	prepLabel := widget.NewLabel(clock(plan.Prep))
	prep := widget.NewSlider(0, practice.MaxPrep.Seconds())
	prep.Step = 5
	prep.SetValue(plan.Prep.Seconds())
	prep.OnChanged = func(v float64) {
		prepLabel.SetText(clock(time.Duration(v) * time.Second))
		d.apply(func(p *practice.Plan) { p.Prep = time.Duration(v) * time.Second })
	}
	var targets []string
	for t := practice.MinTarget; t <= practice.MaxTarget; t += 30 * time.Second {
		targets = append(targets, clock(t))
	}
	target := widget.NewSelect(targets, func(s string) {
		if t, err := parseClock(s); err == nil {
			d.apply(func(p *practice.Plan) { p.Target = t })
		}
	})
	target.SetSelected(clock(plan.Target))
	auto := widget.NewCheck(fmt.Sprintf("Stop by itself at %.1f x the target", practice.LimitFactor), func(on bool) {
		d.apply(func(p *practice.Plan) { p.AutoStop = on })
	})
	auto.SetChecked(plan.AutoStop)
	return []*widget.FormItem{
		widget.NewFormItem("Preparation", container.NewBorder(nil, nil, nil, prepLabel, prep)),
		widget.NewFormItem("Answer target", target),
		widget.NewFormItem("STAR split (%)", d.splitRow(plan.Split)),
		widget.NewFormItem("Time limit", auto),
	}
}

// splitRow is four percentage fields, Situation to Result, and a reset button.
func (d *settingsDialog) splitRow(split [4]int) fyne.CanvasObject {
	row := container.NewHBox()
	for i := range d.split {
		e := newKeyEntry(&d.u.hooks)
		e.SetText(strconv.Itoa(split[i]))
		e.OnChanged = func(string) { d.applySplit() }
		d.split[i] = e
		row.Add(widget.NewLabel(practice.SegmentNames[i][:1]))
		row.Add(container.NewGridWrap(fyne.NewSize(64, e.MinSize().Height), e))
	}
	row.Add(widget.NewButton("20/10/60/10", func() {
		for i, e := range d.split {
			e.SetText(strconv.Itoa(practice.DefaultPlan.Split[i]))
		}
	}))
	return row
}

// applySplit takes the split from the four fields once they add up to 100.
func (d *settingsDialog) applySplit() {
	var split [4]int
	for i, e := range d.split {
		v, err := strconv.Atoi(e.Text)
		if err != nil {
			d.problem.SetText(fmt.Sprintf("The %s share must be a whole number.", practice.SegmentNames[i]))
			return
		}
		split[i] = v
	}
	d.apply(func(p *practice.Plan) { p.Split = split })
}

// apply changes the plan if the result is valid, saves it and refreshes the practice view;
// otherwise it says what is wrong and keeps the old plan.
func (d *settingsDialog) apply(change func(*practice.Plan)) {
	p := d.u.settings.plan
	change(&p)
	if err := p.Validate(); err != nil {
		d.problem.SetText(audio.Message(err) + ".")
		return
	}
	d.problem.SetText("")
	d.u.settings.plan = p
	d.u.settings.save()
	d.u.practice.planChanged()
	d.u.review.reload()
}

// pollLevel shows the microphone's level in the dialog until it closes.
func (d *settingsDialog) pollLevel() {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-d.stop:
			return
		case <-t.C:
			onUI(func() {
				if in := d.u.practice.input; in != nil {
					d.meter.set(in.Level())
				}
			})
		}
	}
}

// runMicTest records micTestLength from the chosen microphone and plays it through the chosen
// speakers, then says whether sound was heard.
func (d *settingsDialog) runMicTest() {
	in := d.u.practice.input
	if in == nil || d.u.practice.state != idle {
		d.result.SetText("The microphone is not open yet, or an answer is being recorded.")
		return
	}
	dir, err := os.MkdirTemp("", "lpcoach-mictest-")
	if err != nil {
		d.result.SetText(audio.Message(err))
		return
	}
	d.test.Disable()
	d.result.SetText("Recording 3 seconds: say something…")
	go func() {
		defer os.RemoveAll(dir)
		msg := micTest(d.u.cfg.Sound, in, d.u.settings.output, filepath.Join(dir, "test.wav"), func(s string) {
			onUI(func() { d.result.SetText(s) })
		})
		onUI(func() {
			d.result.SetText(msg)
			d.test.Enable()
		})
	}()
}

// micTest records from in into path, plays it back on output and returns what it found.
func micTest(snd Sound, in *audio.Input, output, path string, progress func(string)) string {
	rec, err := in.Record(path, audio.Options{MaxLength: micTestLength})
	if err != nil {
		return audio.Message(err)
	}
	<-rec.Done()
	res, err := rec.Stop()
	if err != nil || res.Frames == 0 {
		return "Nothing was recorded: " + audio.Message(res.Err) + ". Check that the microphone is plugged in and not muted."
	}
	verdict := fmt.Sprintf("Heard you: peak %.0f dBFS.", res.Level.PeakDBFS)
	if !res.Level.SpeechHeard() {
		verdict = fmt.Sprintf("Very quiet (peak %.0f dBFS): check the microphone is not muted and its input volume.", res.Level.PeakDBFS)
	}
	progress("Playing it back…")
	p, err := snd.OpenPlayer(output, res.Path)
	if err != nil {
		return verdict + " Playback failed: " + audio.Message(err)
	}
	defer p.Close()
	p.Play()
	select {
	case <-p.Ended():
	case <-time.After(micTestLength + 2*time.Second):
	}
	return verdict + " If the playback sounded right, you are set."
}

// closed stops the level polling and releases the microphone if the practice view is hidden.
func (d *settingsDialog) closed() {
	close(d.stop)
	d.u.practice.inSettings = false
	if !d.u.practice.wanted() {
		d.u.practice.closeInput()
	}
}

// parseClock reads "m:ss".
func parseClock(s string) (time.Duration, error) {
	var m, sec int
	if _, err := fmt.Sscanf(s, "%d:%02d", &m, &sec); err != nil {
		return 0, fmt.Errorf("read %q as m:ss: %w", s, err)
	}
	return time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, nil
}
