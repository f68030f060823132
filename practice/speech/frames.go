package speech

import "math"

// frameS is the nominal length of an analysis frame.
const frameS = 0.010

// Corners, in Hz, of the filter that keeps the vowel band: the first formants, where vowels are
// strong and most consonants are weak.
const (
	vowelLowHz = 300.0
	vowelHiHz  = 2200.0
)

// vowelRate is the least rate at which the vowel filter runs: faster audio is first averaged over
// blocks of samples down to at least this rate, which keeps the analysis fast at 48 kHz.
const vowelRate = 16000

// frames holds per-frame features of a recording and its sample statistics.
type frames struct {
	hop   int       // samples per frame
	rate  int       // samples per second
	power []float64 // mean square of each frame, its DC offset removed
	level []float64 // power in dBFS
	vowel []float64 // mean square of the vowel-band signal, per frame
	peak  int       // largest sample magnitude
	// clipped counts the samples within 1 LSB of full scale.
	clipped int
}

// seconds converts a frame index to a time in seconds.
func (f *frames) seconds(i int) float64 {
	return float64(i*f.hop) / float64(f.rate)
}

// measureFrames goes over the samples once and sums each frame's features.
func measureFrames(mono []int16, rate int) *frames {
	hop := max(1, int(math.Round(frameS*float64(rate))))
	n := (len(mono) + hop - 1) / hop
	f := &frames{hop: hop, rate: rate, power: make([]float64, n), level: make([]float64, n),
		vowel: make([]float64, n)}
	vf := newVowelFilter(rate)
	for i := range n {
		chunk := mono[i*hop : min(len(mono), (i+1)*hop)]
		st := vf.run(chunk)
		count := float64(len(chunk))
		sum := float64(st.sum)
		f.power[i] = max(0, float64(st.sumSq)-sum*sum/count) / count
		f.level[i] = powerDBFS(f.power[i])
		f.vowel[i] = st.vowel
		f.peak = max(f.peak, st.peak)
		f.clipped += st.clipped
	}
	return f
}

// chunkStats are the sums over one frame of samples.
type chunkStats struct {
	sum, sumSq    int64   // of the samples and of their squares
	peak, clipped int     // largest magnitude; samples within 1 LSB of full scale
	vowel         float64 // mean square of the vowel band
}

// vowelFilter keeps the vowel band: a one-pole high-pass followed by a two-pole low-pass, run on
// the averages of blocks of samples. Its state carries across frames.
type vowelFilter struct {
	block                    int     // samples averaged into one filter input
	aLow, bLow, aHigh, bHigh float64 // coefficients: y = b*y + a*x
	low, hi1, hi2            float64
}

// newVowelFilter returns the filter for audio at rate.
func newVowelFilter(rate int) vowelFilter {
	block := max(1, rate/vowelRate)
	filterRate := rate / block
	aLow, aHigh := onePole(vowelLowHz, filterRate), onePole(vowelHiHz, filterRate)
	return vowelFilter{block: block, aLow: aLow, bLow: 1 - aLow, aHigh: aHigh, bHigh: 1 - aHigh}
}

// onePole returns the coefficient of a one-pole low-pass filter with corner hz at rate.
func onePole(hz float64, rate int) float64 {
	return 1 - math.Exp(-2*math.Pi*hz/float64(rate))
}

// run sums one frame of samples and filters it. The integer sums are done in the same loop as the
// filter, whose speed is bound by the latency of its feedback, so they come almost for free.
func (vf *vowelFilter) run(chunk []int16) chunkStats {
	var st chunkStats
	var vowel float64
	steps := 0
	for start := 0; start < len(chunk); start += vf.block {
		block := chunk[start:min(len(chunk), start+vf.block)]
		var blockSum int64
		for _, s := range block {
			v := int64(s)
			blockSum += v
			st.sumSq += v * v
			st.peak = max(st.peak, int(max(v, -v)))
			if s >= math.MaxInt16-1 || s <= math.MinInt16+1 {
				st.clipped++
			}
		}
		st.sum += blockSum
		x := float64(blockSum) / float64(len(block))
		vf.low = vf.bLow*vf.low + vf.aLow*x
		vf.hi1 = vf.bHigh*vf.hi1 + vf.aHigh*(x-vf.low)
		vf.hi2 = vf.bHigh*vf.hi2 + vf.aHigh*vf.hi1
		vowel += vf.hi2 * vf.hi2
		steps++
	}
	st.vowel = vowel / float64(steps)
	return st
}
