package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorIsOneLine(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.rego", Line: 3, Column: 2, Message: "bad", Hint: "fix it"}, "a.rego:3:2: bad (fix it)"},
		{Error{File: "a.rego", Message: "bad"}, "a.rego: bad"},
		{Error{File: "a.rego", Line: 3, Message: "bad"}, "a.rego:3:1: bad"},
		{Error{Message: "rule x produced conflicting values:\n  1 at a:7\n  2 at a:9\n"}, "rule x produced conflicting values: 1 at a:7 2 at a:9"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestFrom(t *testing.T) {
	one := &Error{Message: "one"}
	list := List{one, {Message: "two"}}
	if got := From(fmt.Errorf("wrapped: %w", list)); len(got) != 2 {
		t.Errorf("From(list) = %v", got)
	}
	if got := From(one); len(got) != 1 || got[0] != one {
		t.Errorf("From(error) = %v", got)
	}
	if got := From(errors.New("plain")); len(got) != 1 || got[0].Message != "plain" {
		t.Errorf("From(plain) = %v", got)
	}
	if !errors.Is(list, list[1]) {
		t.Error("a List does not unwrap to its errors")
	}
}
