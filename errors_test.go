package vanban

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrors(t *testing.T) {
	cause := errors.New("disk full")
	tests := []struct {
		err       error
		code, msg string
	}{
		{nil, "", ""},
		{cause, EInternal, "Lỗi nội bộ"},
		{Errorf(ENotFound, "không tìm thấy %s", "58/KH-UBND"), ENotFound, "không tìm thấy 58/KH-UBND"},
		{Wrap(EUnreadable, cause, "tệp hỏng"), EUnreadable, "tệp hỏng"},
		{fmt.Errorf("context: %w", Errorf(EInvalid, "sai ngày")), EInvalid, "sai ngày"},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.code)
		}
		if got := ErrorMessage(tt.err); !strings.HasPrefix(got, tt.msg) {
			t.Errorf("ErrorMessage(%v) = %q, want %q…", tt.err, got, tt.msg)
		}
	}
}
