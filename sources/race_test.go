//go:build race

package sources

const raceDetector = true
