package speech

import "slices"

// Syllable nuclei are the peaks of the smoothed vowel-band intensity that stand out from the dips
// around them, are loud enough, lie in speech and look voiced.

// smoothing weighs the frames around each frame when the intensity contour is smoothed (a
// triangle about 70 ms wide).
var smoothing = [...]float64{1, 2, 3, 4, 3, 2, 1}

const (
	// minDipDB is how far the contour must fall between two peaks for both to count.
	minDipDB = 2.0
	// belowLoudPeakDB: a peak more than this below the loud level of the contour is not a nucleus.
	belowLoudPeakDB = 25.0
	// minVowelShare is the least share of a frame's power in the vowel band for a voiced peak:
	// fricatives and noise bursts carry most of theirs above it.
	minVowelShare = 1.0 / 16
)

// findNuclei returns the frame index of every syllable nucleus, in order.
func findNuclei(f *frames, speech []segment) []int {
	if len(speech) == 0 {
		return nil
	}
	contour := smooth(f.vowel, noisePower(f.vowel))
	floor := loudLevel(contour, speech) - belowLoudPeakDB
	var kept []int
	for _, s := range speech {
		for i := max(s.start, 1); i < min(s.end, len(contour)-1); i++ {
			if !isPeak(contour, i) || contour[i] < floor || f.vowel[i] < minVowelShare*f.power[i] {
				continue
			}
			kept = keepPeak(contour, kept, i)
		}
	}
	return kept
}

// noisePower returns the noise floor of the powers: their noiseQuantile.
func noisePower(power []float64) float64 {
	sorted := slices.Clone(power)
	slices.Sort(sorted)
	return quantile(sorted, noiseQuantile)
}

// smooth returns the dBFS contour of powers averaged with the smoothing weights, less the noise
// power, so that steady noise does not fill the dips between syllables.
func smooth(power []float64, noise float64) []float64 {
	half := len(smoothing) / 2
	out := make([]float64, len(power))
	for i := range power {
		var sum, weight float64
		for k, w := range smoothing {
			j := i + k - half
			if j < 0 || j >= len(power) {
				continue
			}
			sum += w * power[j]
			weight += w
		}
		out[i] = powerDBFS(sum/weight - noise)
	}
	return out
}

// loudLevel returns the 0.99 quantile of the contour over the speech frames.
func loudLevel(contour []float64, speech []segment) float64 {
	var values []float64
	for _, s := range speech {
		values = append(values, contour[s.start:min(s.end, len(contour))]...)
	}
	slices.Sort(values)
	return quantile(values, loudQuantile)
}

// isPeak reports whether frame i is a local maximum of the contour.
func isPeak(contour []float64, i int) bool {
	return contour[i] > contour[i-1] && contour[i] >= contour[i+1]
}

// keepPeak adds peak i to the kept peaks when the contour dips by minDipDB between it and the last
// kept peak; otherwise the higher of the two stays.
func keepPeak(contour []float64, kept []int, i int) []int {
	k := len(kept) - 1
	if k < 0 {
		return append(kept, i)
	}
	last := kept[k]
	dip := slices.Min(contour[last : i+1])
	if min(contour[last], contour[i])-dip >= minDipDB {
		return append(kept, i)
	}
	if contour[i] > contour[last] {
		kept[k] = i
	}
	return kept
}
