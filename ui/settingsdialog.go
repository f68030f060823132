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
	meter   *levelMeter
	test    *widget.Button
	result  *widget.Label
	split   [4]*keyEntry
	problem *widget.Label
	form    *widget.Form
	stop    func() // stops the level poll
}

// showSettings opens the settings dialog.
func (u *UI) showSettings() {
	d := &settingsDialog{u: u, meter: newLevelMeter(), problem: widget.NewLabel("")}
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.form = widget.NewForm(d.deviceItems()...)
	for _, it := range d.planItems() {
		d.form.AppendItem(it)
	}
	dlg := dialog.NewCustom("Settings", "Close", container.NewVBox(d.form, d.problem), u.win)
	dlg.SetOnClosed(d.closed)
	dlg.Resize(fyne.NewSize(660, 560))
	dlg.Show()
	u.practice.inSettings = true
	u.practice.ensureInput(nil)
	d.stop = every(tickEvery, d.showLevel)
}

// deviceItems are the microphone and speaker choices, the live level and the replay test. The
// device lists fill in from a goroutine: listing can stall with a stuck sound server.
func (d *settingsDialog) deviceItems() []*widget.FormItem {
	snd := d.u.cfg.Sound
	if snd == nil {
		msg := widget.NewLabel(audio.Message(fmt.Errorf("no sound system: %w", d.u.cfg.NoSound)))
		msg.Wrapping = fyne.TextWrapWord
		return []*widget.FormItem{widget.NewFormItem("Sound", msg)}
	}
	mic := deviceSelect(&d.u.settings.input, func() {
		d.u.settings.save()
		d.u.practice.reopenInput()
	})
	spk := deviceSelect(&d.u.settings.output, d.u.settings.save)
	go func() {
		mics, micErr := snd.CaptureDevices()
		spks, spkErr := snd.PlaybackDevices()
		onUI(func() {
			fillDevices(mic, mics, micErr, d.u.settings.input)
			fillDevices(spk, spks, spkErr, d.u.settings.output)
			d.form.Refresh() // the labels of the now enabled choices
		})
	}()
	d.test = widget.NewButton("Record 3 seconds and play them back", d.runMicTest)
	d.result = widget.NewLabel("")
	d.result.Wrapping = fyne.TextWrapWord
	return []*widget.FormItem{
		widget.NewFormItem("Microphone", mic.sel),
		widget.NewFormItem("Level", d.meter.bar),
		widget.NewFormItem("Speakers", spk.sel),
		widget.NewFormItem("Test", container.NewVBox(d.test, d.result)),
	}
}

// devicePicker is a drop-down of devices, the system default first, that writes the chosen
// device's ID into its setting.
type devicePicker struct {
	sel *widget.Select
	ids map[string]string // name to ID
}

// deviceSelect makes a picker for setting; changed runs after the setting changed.
func deviceSelect(setting *string, changed func()) *devicePicker {
	p := &devicePicker{ids: map[string]string{defaultDevice: ""}}
	p.sel = widget.NewSelect([]string{defaultDevice}, nil)
	p.sel.PlaceHolder = "Looking for devices…"
	p.sel.Disable()
	p.sel.OnChanged = func(name string) {
		if id, ok := p.ids[name]; ok && id != *setting {
			*setting = id
			changed()
		}
	}
	return p
}

// fillDevices lists devs in the picker and selects the current one.
func fillDevices(p *devicePicker, devs []audio.Device, err error, current string) {
	if err != nil {
		p.sel.PlaceHolder = audio.Message(err)
		p.sel.Refresh()
		return
	}
	names, selected := []string{defaultDevice}, defaultDevice
	for _, dev := range devs {
		names = append(names, dev.Name)
		p.ids[dev.Name] = dev.ID
		if dev.ID == current && current != "" {
			selected = dev.Name
		}
	}
	p.sel.SetOptions(names)
	p.sel.SetSelected(selected)
	p.sel.Enable()
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
	if p == d.u.settings.plan {
		d.problem.SetText("")
		return // the widgets were just set to what the plan says
	}
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

// showLevel shows the microphone's level in the dialog (polled while it is open).
func (d *settingsDialog) showLevel() {
	if in := d.u.practice.input; in != nil {
		d.meter.set(in.Level())
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
	output := d.u.settings.output
	go func() {
		defer os.RemoveAll(dir)
		msg := micTest(d.u.cfg.Sound, in, output, filepath.Join(dir, "test.wav"), func(s string) {
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
		return "Nothing was recorded. Check that the microphone is plugged in and not muted."
	}
	verdict := "Heard you clearly."
	if !res.Level.SpeechHeard() {
		verdict = "Very quiet: check that the microphone is not muted, and raise its input volume."
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
	d.stop()
	d.u.practice.inSettings = false
	if !d.u.practice.wanted() {
		d.u.practice.closeInput()
	}
}
