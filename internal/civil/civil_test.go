package civil

import "testing"

func TestGuess(t *testing.T) {
	for in, want := range map[string]string{
		"15/12/2025": "2025-12-15",
		"4/12/2024":  "2024-12-04",
		"04-12-2024": "2024-12-04",
		"4.12.2024":  "2024-12-04",
		"20250630":   "2025-06-30",
		"30/2/2025":  "", // no such day
		"2025-12-15": "", // already ISO: Parse reads it, Guess does not
		"12/2025":    "",
		"hôm qua":    "",
		"":           "",
	} {
		d, ok := Guess(in)
		if got := d.String(); ok != (want != "") || got != want {
			t.Errorf("Guess(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
