package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
	"vanban"

	"vanban/app"
	"vanban/ingest"
	"vanban/watch"
	"vanban/web"
)

func init() {
	register(&command{
		name: "serve", summary: "mở giao diện web (tìm kiếm, văn bản, nhiệm vụ, đối chiếu, tải lên); --watch THƯ_MỤC để nhập tệp thả vào",
		usage: "serve [--watch THƯ_MỤC] [--addr 127.0.0.1:8080] [--token MÃ] [--data THƯ_MỤC]",
		help: `Mở giao diện web của vanban: tìm kiếm, văn bản, nhiệm vụ theo đơn vị, đối chiếu báo
cáo, tải tệp lên. Với --watch, theo dõi luôn thư mục đó (tệp tải lên cũng được lưu vào
đó). Chỉ nghe trên máy này (127.0.0.1) trừ khi có --token: người dùng phải nhập mã đó.

ví dụ:
  vanban serve --watch ./inbox
  vanban serve --addr 0.0.0.0:8080 --token "$(openssl rand -hex 16)" --watch /srv/inbox
  vanban serve --addr 0.0.0.0:8443 --token MÃ --tls-cert cert.pem --tls-key key.pem

Ngoài máy này, mã truy cập và cookie chỉ an toàn qua HTTPS: dùng --tls-cert/--tls-key,
hoặc chạy sau một proxy ngược (nginx, Caddy) dùng HTTPS và thêm --secure-cookies.`,
		flags: serveFlags,
	})
}

// serveConfig is what `vanban serve` runs with.
type serveConfig struct {
	addr, data, watchDir, token string
	tlsCert, tlsKey             string // files; both or neither
	secureCookies               bool   // behind a proxy that speaks TLS
	maxUpload                   int64
	settle                      time.Duration // the watcher's settling delay; 0 for its default
	log                         io.Writer
}

func serveFlags(fs *flagSet) func(context.Context, *cli, []string) error {
	data := fs.dataFlag()
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ nghe; ngoài 127.0.0.1 thì bắt buộc có --token")
	watchDir := fs.String("watch", "", "theo dõi `THƯ_MỤC`: nhập các tệp thả vào đó (tạo nếu chưa có); tệp tải lên được lưu vào đó")
	token := fs.String("token", os.Getenv("VANBAN_TOKEN"), "mã truy cập người dùng phải nhập (hoặc $VANBAN_TOKEN)")
	maxMB := fs.Int("max-upload-mb", web.DefaultMaxUpload>>20, "dung lượng tối đa một tệp tải lên, MB")
	tlsCert := fs.String("tls-cert", "", "`TỆP` chứng chỉ TLS (PEM): phục vụ qua HTTPS; cần cả --tls-key")
	tlsKey := fs.String("tls-key", "", "`TỆP` khóa riêng TLS (PEM)")
	secure := fs.Bool("secure-cookies", false, "đánh dấu cookie Secure khi chạy sau một proxy ngược dùng HTTPS")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if (*tlsCert == "") != (*tlsKey == "") {
			return usagef("cần cả --tls-cert và --tls-key")
		}
		srv, err := startServe(ctx, serveConfig{addr: *addr, data: *data, watchDir: *watchDir, token: *token,
			tlsCert: *tlsCert, tlsKey: *tlsKey, secureCookies: *secure, maxUpload: int64(*maxMB) << 20, log: c.stderr})
		if err != nil {
			return err
		}
		return srv.wait()
	}
}

// followEvery is how often the server looks at the store's change
// counter.
const followEvery = time.Second

// serving is a started server: the web server and, with --watch, the
// watcher, both stopped by the context given to startServe.
type serving struct {
	url     string
	app     *app.App
	done    chan error
	stopped sync.WaitGroup
}

// startServe opens the data folder (creating it, so a first start on an
// empty folder works), starts the watcher if asked and listens. It checks
// the address before touching the disk: an open address without a token
// is refused.
func startServe(ctx context.Context, cfg serveConfig) (*serving, error) {
	if err := web.CheckAddr(cfg.addr, cfg.token); err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(cfg.log, nil))
	a, err := app.Open(ctx, app.Config{Data: cfg.data, Store: storeAddr(), Create: true, Index: app.ServeIndex, Log: logger})
	if err != nil {
		return nil, err
	}
	s := &serving{app: a, done: make(chan error, 1)}
	useTLS := cfg.tlsCert != ""
	if useTLS {
		if _, err := tls.LoadX509KeyPair(cfg.tlsCert, cfg.tlsKey); err != nil {
			a.Close()
			return nil, vanban.Wrap(vanban.EInvalid, err, "không đọc được chứng chỉ TLS %s và khóa %s", cfg.tlsCert, cfg.tlsKey)
		}
	}
	wcfg := web.Config{App: a, Addr: cfg.addr, Token: cfg.token, MaxUpload: cfg.maxUpload, Log: logger,
		SecureCookies: useTLS || cfg.secureCookies}
	if cfg.watchDir != "" {
		if wcfg.Inbox, err = web.NewInbox(cfg.watchDir); err != nil {
			a.Close()
			return nil, err
		}
		s.startWatcher(ctx, wcfg.Inbox.Dir(), cfg.settle, logger)
	}
	ws, err := web.New(wcfg)
	if err != nil {
		a.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		a.Close()
		return nil, err
	}
	scheme := "http://"
	if useTLS {
		scheme = "https://"
	}
	s.url = scheme + ln.Addr().String() + "/"
	hs := ws.HTTPServer()
	go func() {
		var err error
		if useTLS {
			err = hs.ServeTLS(ln, cfg.tlsCert, cfg.tlsKey)
		} else {
			err = hs.Serve(ln)
		}
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	go func() {
		<-ctx.Done()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(stop)
	}()
	// What another process stores (a `vanban ingest` beside this
	// server) is searchable here within seconds.
	s.stopped.Add(1)
	go func() {
		defer s.stopped.Done()
		a.Follow(ctx, followEvery)
	}()
	fmt.Fprintf(cfg.log, "vanban: giao diện web tại %s (dữ liệu: %s)\n", s.url, a.Dir())
	if wcfg.Inbox != nil {
		fmt.Fprintf(cfg.log, "vanban: theo dõi thư mục %s — thả tệp .docx, .pdf vào đó hoặc tải lên trên trang\n", wcfg.Inbox.Dir())
	}
	return s, nil
}

// startWatcher runs the folder watcher in this process.
func (s *serving) startWatcher(ctx context.Context, dir string, settle time.Duration, logger *slog.Logger) {
	s.stopped.Add(1)
	go func() {
		defer s.stopped.Done()
		err := s.app.Watch(ctx, app.WatchConfig{Dir: dir, Settle: settle, OnEvent: func(ev watch.Event) {
			switch ev.Kind {
			case watch.Done:
				if ev.Result != nil && ev.Result.Outcome != ingest.Skipped {
					logger.Info("ingested", "file", ev.Path, "outcome", ev.Result.Outcome, "message", ev.Result.Message)
				}
			case watch.Problem:
				logger.Warn("watcher problem", "err", ev.Err)
			}
		}})
		if err != nil {
			logger.Error("watcher stopped", "err", err)
		}
	}()
}

// wait blocks until the server has stopped (its context ended) and the
// watcher has finished the files in flight, then closes the data.
func (s *serving) wait() error {
	err := <-s.done
	s.stopped.Wait()
	s.app.Close()
	return err
}
