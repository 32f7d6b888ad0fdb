package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"

	"github.com/khuyenhoc/khuyenhoc/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	var source, bind string
	var port int
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&source, "source", ".", "site `folder`")
	fs.StringVar(&bind, "bind", "127.0.0.1", "`address` to listen on; 127.0.0.1 keeps the preview on this machine")
	fs.IntVar(&port, "port", 1313, "`port` to listen on")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: khuyenhoc serve [flags]\n\nBuild the site, serve it with live reload, and rebuild on every change to site.toml,\ncontent/, data/, themes/, layouts/ or static/. Drafts and future-dated articles are shown.\nBuild errors show in the browser; the server keeps running.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if port < 0 || port > 65535 {
		fmt.Fprintf(stderr, "khuyenhoc serve: --port %d: a port is a number from 1 to 65535 (0 picks a free one)\n", port)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	if err := serve.Run(ctx, serve.Options{Source: source, Addr: addr, Log: stdout}); err != nil {
		fmt.Fprintf(stderr, "khuyenhoc serve: %v\n", err)
		return exitError
	}
	return exitOK
}
