//go:build race

package hugepages

// raceDetector: under the race detector every allocation writes its
// shadow memory, so the block set aside would be touched.
const raceDetector = true
