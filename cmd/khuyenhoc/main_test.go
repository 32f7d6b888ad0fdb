package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/khuyenhoc/khuyenhoc/internal/corpus"
)

// bigSite is the number of articles of the site whose build is
// interrupted: enough for the build to run for seconds after it has made
// its build folder.
const bigSite = 3000

// TestInterruptedBuildKeepsOutput builds the real binary and interrupts a
// build of a large site midway, with SIGKILL (nothing can clean up), SIGINT
// (Ctrl+C) and SIGTERM: each time the previous output must be exactly as it
// was, and after the next successful build nothing may be left beside it.
func TestInterruptedBuildKeepsOutput(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signals other than kill cannot be sent to a process on Windows")
	}
	if testing.Short() {
		t.Skip("builds a site of 3000 articles; skipped with -short")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	small, big := filepath.Join(dir, "small"), filepath.Join(dir, "big")
	if err := corpus.Generate(small, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Generate(big, bigSite, 1); err != nil {
		t.Fatal(err)
	}
	parent := filepath.Join(dir, "www")
	out := filepath.Join(parent, "public")

	// The previous output: a small site, built normally.
	if o, err := exec.Command(bin, "build", "--source", small, "--output", out).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, o)
	}
	before := hashTree(t, out)

	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			earlier, _ := filepath.Glob(filepath.Join(parent, ".public.building-*"))
			cmd := exec.Command(bin, "build", "--source", big, "--output", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			building := waitForBuildingFolder(t, parent, earlier, exited)
			time.Sleep(50 * time.Millisecond) // let it write for a moment
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatalf("the build ended before it could be interrupted (%v); make bigSite larger", err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the build did not stop within 60 s of %s", sig)
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("the build ended with %v, want it stopped by %s\n%s", err, sig, stderr.String())
			}
			if diff := diffHashes(before, hashTree(t, out)); diff != "" {
				t.Fatalf("after %s the previous output changed:\n%s", sig, diff)
			}
			switch sig {
			case syscall.SIGKILL:
				if _, err := os.Stat(building); err != nil {
					t.Errorf("after SIGKILL the build folder %s is gone (%v): was the build really midway?", building, err)
				}
			default:
				// Stopped cleanly: exit status 1, a message, and its build
				// folder removed by itself.
				if ee.ExitCode() != exitError || !strings.Contains(stderr.String(), "build interrupted") {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and \"build interrupted\"", ee.ExitCode(), stderr.String())
				}
				if _, err := os.Stat(building); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("after %s the build folder %s is still there (%v)", sig, building, err)
				}
			}
		})
	}

	// The next successful build replaces the output and removes what the
	// killed build left.
	if o, err := exec.Command(bin, "build", "--source", small, "--output", out).CombinedOutput(); err != nil {
		t.Fatalf("build after the interrupted ones: %v\n%s", err, o)
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "public" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output after a successful build: %v, want only public", names)
	}
	if diff := diffHashes(before, hashTree(t, out)); diff != "" {
		t.Errorf("the same site built again differs:\n%s", diff)
	}
}

// TestServeListensOnLoopback: serve's --bind defaults to 127.0.0.1.
func TestServeListensOnLoopback(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "-h"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("serve -h: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), `(default "127.0.0.1")`) {
		t.Errorf("serve -h does not show --bind defaulting to 127.0.0.1:\n%s", stderr.String())
	}
}

func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "khuyenhoc")
	if o, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, o)
	}
	return bin
}

// waitForBuildingFolder waits until a build folder that is not one of
// earlier appears beside the output, and returns it.
func waitForBuildingFolder(t *testing.T, parent string, earlier []string, exited <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(filepath.Join(parent, ".public.building-*"))
		for _, m := range matches {
			if !slices.Contains(earlier, m) {
				return m
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("the build ended (%v) before its build folder was seen", err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	t.Fatal("no build folder appeared within 60 s")
	return ""
}

// hashTree returns the SHA-256 of every file under dir, by relative path.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s is empty", dir)
	}
	return out
}

func diffHashes(a, b map[string][32]byte) string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "missing: "+k)
		} else if v != w {
			d = append(d, "changed: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "added: "+k)
		}
	}
	slices.Sort(d)
	if len(d) > 20 {
		d = append(d[:20], fmt.Sprintf("… and %d more", len(d)-20))
	}
	return strings.Join(d, "\n")
}

// TestServeRejectsABadPort: a port out of range is a usage error that says
// so, not a failure to listen.
func TestServeRejectsABadPort(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "--port", "99999"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("serve --port 99999: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(stderr.String(), "1 to 65535") {
		t.Errorf("serve --port 99999 says:\n%s", stderr.String())
	}
}
