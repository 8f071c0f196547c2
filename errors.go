package vanban

import (
	"errors"
	"fmt"
)

// Error codes, after WTF Dial's: what kind of failure an error is, so
// each front end maps it once (an exit status in the CLI, an HTTP status
// in the web) instead of guessing from its text.
const (
	ENotFound   = "not_found"  // no such document, plan, file, task
	EInvalid    = "invalid"    // the user's input is wrong (a date, a flag, a query)
	EConflict   = "conflict"   // the request contradicts what is stored
	EUnreadable = "unreadable" // a file vanban cannot read (its reason is the message)
	EInternal   = "internal"   // anything else: the machinery failed
)

// Error is an error meant for a person: Code says what kind it is,
// Message says it in Vietnamese, and Err keeps the technical cause for
// the log.
type Error struct {
	Code    string
	Message string
	Err     error
}

// Error returns the message, followed by the cause when there is one.
func (e *Error) Error() string {
	if e.Err != nil && e.Message != "" {
		return e.Message + ": " + e.Err.Error()
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error of code with a formatted Vietnamese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an Error of code with a Vietnamese message and its cause.
func Wrap(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first Error in err's chain, EInternal
// for an error that is none, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns what to tell a person about err: the Vietnamese
// message of the first Error in its chain, or a generic one for an
// internal failure, whose detail belongs in the log.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e) && e.Message != "":
		return e.Message
	case errors.As(err, &e) && e.Code != EInternal:
		return e.Error()
	}
	return "Lỗi nội bộ của vanban; chi tiết đã được ghi vào nhật ký."
}
