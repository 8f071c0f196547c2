package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// notifyChannel is the channel nextRevision notifies on commit.
const notifyChannel = "vanban_changes"

// Listen returns a channel that receives a value soon after any node
// commits a change to the store (LISTEN/NOTIFY), until ctx ends. Wake-ups
// coalesce: a follower reads the change log, which says what changed. A
// lost connection is made again; a follower also polls, so a wake-up lost
// meanwhile costs only the poll's delay.
func (s *DB) Listen(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	go func() {
		defer close(ch)
		for ctx.Err() == nil {
			s.listen(ctx, ch)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}()
	return ch
}

// listen holds one LISTEN connection until it fails or ctx ends.
func (s *DB) listen(ctx context.Context, ch chan<- struct{}) {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		return
	}
	wake(ch) // what committed before LISTEN took effect
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return
		}
		wake(ch)
	}
}

func wake(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
