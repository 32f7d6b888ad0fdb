package decode

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadFileLimit(t *testing.T) {
	const max = 100
	fits := strings.Repeat("123456789\n", 10) // 100 bytes
	over := fits + "dòng 11 quá giới hạn\n"
	fsys := fstest.MapFS{"fits": {Data: []byte(fits)}, "over": {Data: []byte(over)}}
	if b, err := ReadFile(fsys, "fits", max); err != nil || string(b) != fits {
		t.Errorf("ReadFile(fits) = %q, %v", b, err)
	}
	_, err := ReadFile(fsys, "over", max)
	var big *TooBigError
	if !errors.As(err, &big) {
		t.Fatalf("ReadFile(over) = %v, want *TooBigError", err)
	}
	// The 101st byte is on line 11; the error shows that line's start.
	if big.Line != 11 || big.Size != int64(len(over)) || big.Max != max || big.Text != "dòng 11 quá giới hạn" {
		t.Errorf("TooBigError %+v", big)
	}
	if _, err := ReadFile(fsys, "missing", max); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v", err)
	}
	if got := HumanBytes(10 << 20); got != "10 MB" {
		t.Errorf("HumanBytes(10 MB) = %q", got)
	}
}
