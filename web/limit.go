package web

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Guessing the access token is slowed per client: a few wrong tries are
// free, then one every failWait, and a client that keeps failing waits
// for its limiter to refill before its next try is even looked at.
const (
	failBurst    = 5
	failWait     = 10 * time.Second
	maxClients   = 10000
	clientForget = time.Hour
)

// failures tracks the wrong tokens and logins of each client.
type failures struct {
	mu      sync.Mutex
	clients map[string]*client
	now     func() time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newFailures() *failures {
	return &failures{clients: map[string]*client{}, now: time.Now}
}

// clientKey names the client of r: its address without the port.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// wait returns how long the client of r must wait before a try is looked
// at; 0 when it may try now.
func (f *failures) wait(r *http.Request) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.clients[clientKey(r)]
	if c == nil {
		return 0
	}
	if tokens := c.lim.TokensAt(f.now()); tokens < 1 {
		return time.Duration((1 - tokens) * float64(failWait))
	}
	return 0
}

// fail counts a wrong try by the client of r.
func (f *failures) fail(r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	key := clientKey(r)
	c := f.clients[key]
	if c == nil {
		if len(f.clients) >= maxClients {
			f.forget(now)
		}
		c = &client{lim: rate.NewLimiter(rate.Every(failWait), failBurst)}
		f.clients[key] = c
	}
	c.seen = now
	c.lim.AllowN(now, 1)
}

// forget drops the clients not seen for a while (all of them, oldest
// first, when every one is recent: memory stays bounded).
func (f *failures) forget(now time.Time) {
	for k, c := range f.clients {
		if now.Sub(c.seen) > clientForget {
			delete(f.clients, k)
		}
	}
	for k := range f.clients {
		if len(f.clients) < maxClients {
			break
		}
		delete(f.clients, k)
	}
}

// tooMany answers a client that must wait, telling it how long.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait.Seconds()) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.fail(w, r, http.StatusTooManyRequests, "Nhập sai mã truy cập quá nhiều lần; hãy đợi "+strconv.Itoa(secs)+" giây rồi thử lại.")
}
