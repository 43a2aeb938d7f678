package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/s3cors/s3cors/corsconf"
	"github.com/s3cors/s3cors/simulate"
)

const (
	flagAddr       = "addr"
	flagDir        = "dir"
	defaultAddr    = "127.0.0.1:8090"
	reloadInterval = 250 * time.Millisecond
)

func newServeCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "a local S3 endpoint that answers CORS exactly as S3 would with a configuration",
		Description: "Serves one bucket over HTTP. Preflights (OPTIONS) get S3's own answer under the configuration\n" +
			"(status, headers, XML error body); other requests get S3's answer to a successful operation\n" +
			"(200 with the file of --dir or a small body; 204 for DELETE and POST; 404 NoSuchKey for a\n" +
			"file --dir lacks), uploads are kept in memory, and the CORS headers S3 adds, with ETag,\n" +
			"x-amz-request-id and the other headers S3 sends. One log line per request names the rule that matched or why\n" +
			"none did. The configuration is reloaded when the file changes (a file with errors is reported\n" +
			"and the previous configuration kept). Ctrl-C stops the server. Point a web app at it to try a\n" +
			"CORS change before pushing it.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: flagConfig, Usage: "the bucket's CORS configuration `FILE`"},
			&cli.BoolFlag{Name: flagNoCORS, Usage: "serve a bucket without any CORS configuration"},
			fromFlag(), resourceFlag(),
			&cli.StringFlag{Name: flagAddr, Value: defaultAddr, Usage: "listen on `HOST:PORT` (port 0 picks a free port)"},
			&cli.StringFlag{Name: flagDir, Usage: "serve objects from the files of `DIR` (read only)"},
			&cli.StringFlag{Name: flagBucket, Usage: "the bucket `NAME`, for path-style (/NAME/key) and virtual-hosted (NAME.host) URLs"},
			colorFlag(),
		},
		Action: func(c *cli.Context) error {
			o, err := serveOptionsFrom(c)
			if err != nil {
				return err
			}
			return runServe(c.Context, env, o)
		},
	}
}

type serveOptions struct {
	config, addr, dir, bucket string
	noCORS                    bool
	in                        inputOptions // --from and --resource
}

// serveOptionsFrom reads serve's flags.
func serveOptionsFrom(c *cli.Context) (serveOptions, error) {
	o := serveOptions{config: c.String(flagConfig), noCORS: c.Bool(flagNoCORS), addr: c.String(flagAddr), dir: c.String(flagDir), bucket: c.String(flagBucket)}
	var err error
	if o.in, err = inputFrom(c); err != nil {
		return o, err
	}
	switch {
	case o.config != "" && o.noCORS:
		return o, usagef("--config and --no-cors-config contradict each other: give one")
	case o.config == "" && !o.noCORS:
		return o, usagef("serve needs --config FILE, or --no-cors-config for a bucket without CORS")
	case o.config == "-":
		return o, usagef("serve reloads --config when it changes: give a file, not standard input")
	case c.NArg() > 0:
		return o, usagef("serve takes no arguments (got %q)", c.Args().First())
	}
	if o.dir != "" {
		if fi, err := os.Stat(o.dir); err != nil {
			return o, usagef("invalid --dir %q: %v", o.dir, unwrapPathError(err))
		} else if !fi.IsDir() {
			return o, usagef("invalid --dir %q: not a directory", o.dir)
		}
	}
	return o, nil
}

// runServe serves until ctx ends or the process is interrupted.
func runServe(ctx context.Context, env Env, o serveOptions) error {
	log := newLineLog(env.Stdout)
	var src []byte
	if !o.noCORS {
		_, data, err := readInput(env, o.config)
		if err != nil {
			return err
		}
		src = data
	}
	st, diags, err := loadServeState(env, o, src)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		printValidation(newPrinter(env.Stderr, false), nil, diags)
		return errProblems
	}
	h := &s3Handler{objects: newObjectStore(nil), bucket: o.bucket, log: log.print, now: time.Now}
	if o.dir != "" {
		h.objects = newObjectStore(os.DirFS(o.dir))
	}
	h.state.Store(st)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", o.addr, unwrapOpError(err))
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	what := "without a CORS configuration"
	if st.cfg != nil {
		what = fmt.Sprintf("with %s (%s)", o.config, plural(len(st.cfg.Rules), "rule"))
		go watchConfig(ctx, env, o, src, h, log)
	}
	fmt.Fprintf(env.Stdout, "%s serve: listening on http://%s %s; Ctrl-C stops\n", appName, ln.Addr(), what)
	return serveUntilDone(ctx, ln, h, log)
}

func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, log *lineLog) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serving: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	log.print("stopped")
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("stopping: %v", err)
	}
	return nil
}

// loadServeState parses and checks src, the configuration file's
// content; printing the reader's notes.
func loadServeState(env Env, o serveOptions, src []byte) (*serveState, corsconf.Diagnostics, error) {
	if o.noCORS {
		return &serveState{bucket: simulate.NewBucket(nil)}, nil, nil
	}
	s, err := checkInput(o.config, src, o.in)
	if err != nil {
		return nil, nil, err
	}
	printNotes(env, s)
	cfg := &s.doc.Config
	return &serveState{cfg: cfg, bucket: simulate.NewBucket(cfg)}, s.diags, nil
}

// watchConfig polls the configuration file and swaps in each new version
// that is free of errors. Polling, rather than change notifications, also
// sees editors that replace the file by renaming another over it.
func watchConfig(ctx context.Context, env Env, o serveOptions, last []byte, h *s3Handler, log *lineLog) {
	t := time.NewTicker(reloadInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		_, cur, err := readInput(env, o.config)
		if err != nil || bytes.Equal(cur, last) {
			continue
		}
		last = cur
		st, diags, err := loadServeState(env, o, cur)
		switch {
		case err != nil:
			log.print(fmt.Sprintf("cannot reload: %v; still serving the previous configuration", err))
		case diags.HasErrors():
			log.print(fmt.Sprintf("%s changed but has %s; still serving the previous configuration:", o.config, plural(diags.Count(corsconf.SeverityError), "error")))
			for _, d := range diags {
				log.print("  " + location(d) + ": " + d.Message)
			}
		default:
			h.state.Store(st)
			log.print(fmt.Sprintf("reloaded %s (%s)", o.config, plural(len(st.cfg.Rules), "rule")))
		}
	}
}

// unwrapOpError drops the "listen tcp ADDR:" that net adds, since the
// message already names the address.
func unwrapOpError(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Err
	}
	return err
}

// lineLog writes whole lines, each with a time stamp, from many goroutines.
type lineLog struct {
	mu sync.Mutex
	w  io.Writer
}

func newLineLog(w io.Writer) *lineLog { return &lineLog{w: w} }

func (l *lineLog) print(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "%s %s\n", time.Now().Format("15:04:05.000"), line)
}
