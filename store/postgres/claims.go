package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// ClaimTTL is how long a claim holds when its holder does not release
// it (DB.ClaimTTL, by default): a node that died mid-file frees the file
// after it. It is longer than a file's reading may take (the watcher's
// default limit is 2 min, a scan's reading grows with its size).
const ClaimTTL = 10 * time.Minute

// Claim takes content sha for this process before it is read, so that
// two nodes watching one folder read a file once. It reports false when
// another live holder has it; an expired claim is taken over. Release
// gives it back once the reading is stored (or failed).
func (s *DB) Claim(ctx context.Context, sha string) (bool, error) {
	var owner string
	err := s.db.QueryRowContext(ctx, `INSERT INTO claims (sha256, owner, expires_at) VALUES (?, ?, now() + make_interval(secs => ?::float8))
		ON CONFLICT (sha256) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
		WHERE claims.expires_at < now() OR claims.owner = excluded.owner
		RETURNING owner`, sha, s.owner, s.ClaimTTL.Seconds()).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // held by another
	}
	return err == nil, err
}

// Release gives back a claim this process holds.
func (s *DB) Release(ctx context.Context, sha string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM claims WHERE sha256 = ? AND owner = ?`, sha, s.owner)
	return err
}
