package postgres

import "context"

// Rebind is rebind, for the tests.
var Rebind = rebind

// SetOwner names this DB's claims, so that one process can play two nodes.
func (s *DB) SetOwner(owner string) { s.owner = owner }

// ExpireClaims ends every claim now, as time passing would.
func (s *DB) ExpireClaims(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `UPDATE claims SET expires_at = now() - interval '1 second'`)
	return err
}
