package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The standards checkers the tests run besides Chromium: axe-core (injected
// into a page, see [Page.Axe]) and the Nu Html Checker (vnu.jar, run by
// Java). Both come from npm; neither is a Go module.
//
// Install them once, outside the repository, at the versions CI pins (see
// .ci/run):
//
//	npm install --prefix ~/.cache/khuyenhoc --ignore-scripts axe-core@4.14.1 vnu-jar@26.9.27
//	apt-get install default-jre-headless   # Java for vnu.jar
//
// The tests look for each file named by its environment variable, else in
// a node_modules folder: in the working directory or any folder above it
// (as Node looks), then in khuyenhoc/node_modules of the user's cache
// folder (~/.cache/khuyenhoc/node_modules on Linux). Without the file the
// test is skipped with a message saying how to install it, unless it is
// required: axe with KHUYENHOC_BROWSER=required, the HTML checker with
// KHUYENHOC_VNU=required. CI sets both.
const (
	// EnvAxe names axe.min.js (from the npm package axe-core).
	EnvAxe = "KHUYENHOC_AXE"
	// EnvVNUJar names vnu.jar (from the npm package vnu-jar).
	EnvVNUJar = "KHUYENHOC_VNU_JAR"
	// EnvVNU set to "required" turns a missing vnu.jar or Java from a skip
	// into a failure.
	EnvVNU = "KHUYENHOC_VNU"
	// EnvJava names the java binary; default: java on PATH.
	EnvJava = "KHUYENHOC_JAVA"
)

// Paths of the checkers inside node_modules.
const (
	axeModulePath = "axe-core/axe.min.js"
	vnuModulePath = "vnu-jar/build/dist/vnu.jar"
)

const installHint = "npm install --prefix ~/.cache/khuyenhoc --ignore-scripts axe-core vnu-jar (CI does this in .ci/run)"

// FindAxe returns the path of axe.min.js, or "" when there is none.
func FindAxe() string { return findModuleFile(EnvAxe, axeModulePath) }

// FindVNU returns the path of vnu.jar, or "" when there is none.
func FindVNU() string { return findModuleFile(EnvVNUJar, vnuModulePath) }

// FindJava returns the path of the java binary, or "" when there is none.
func FindJava() string {
	name := "java"
	if p := os.Getenv(EnvJava); p != "" {
		name = p
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return ""
	}
	return path
}

// Axe returns the path of axe.min.js, or skips t when there is none (fails
// it under KHUYENHOC_BROWSER=required).
func Axe(t testing.TB) string {
	t.Helper()
	if p := FindAxe(); p != "" {
		return p
	}
	missing(t, EnvBrowser, "axe-core not found: "+notFound(EnvAxe, axeModulePath))
	return ""
}

// VNU returns the java binary and the path of vnu.jar, or skips t when
// either is missing (fails it under KHUYENHOC_VNU=required).
func VNU(t testing.TB) (java, jar string) {
	t.Helper()
	java = FindJava()
	if java == "" {
		where := "java is not on PATH"
		if p := os.Getenv(EnvJava); p != "" {
			where = fmt.Sprintf("%s=%s is not a program", EnvJava, p)
		}
		missing(t, EnvVNU, "Java not found, needed by the Nu Html Checker ("+where+"): apt-get install default-jre-headless (CI installs it in .ci/run)")
		return "", ""
	}
	jar = FindVNU()
	if jar == "" {
		missing(t, EnvVNU, "the Nu Html Checker (vnu.jar) not found: "+notFound(EnvVNUJar, vnuModulePath))
		return "", ""
	}
	return java, jar
}

// notFound says where a checker file was looked for, and how to get it.
func notFound(env, rel string) string {
	if p := os.Getenv(env); p != "" {
		return fmt.Sprintf("%s=%s is not a file", env, p)
	}
	return fmt.Sprintf("no node_modules/%s here or above, nor in the user cache folder, and %s is not set; %s", rel, env, installHint)
}

// missing skips t, or fails it when the environment variable env is
// "required".
func missing(t testing.TB, env, msg string) {
	t.Helper()
	if os.Getenv(env) == "required" {
		t.Fatalf("%s; %s=required, so this is a failure, not a skip", msg, env)
	}
	t.Skip(msg)
}

// findModuleFile returns the file named by the environment variable env
// (which must exist), else rel under the first node_modules folder that has
// it: the working directory's or a parent's, then the user cache's.
func findModuleFile(env, rel string) string {
	if p := os.Getenv(env); p != "" {
		if isFile(p) {
			return p
		}
		return ""
	}
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			dirs = append(dirs, filepath.Join(d, "node_modules"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if c, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(c, "khuyenhoc", "node_modules"))
	}
	for _, d := range dirs {
		if p := filepath.Join(d, filepath.FromSlash(rel)); isFile(p) {
			return p
		}
	}
	return ""
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
