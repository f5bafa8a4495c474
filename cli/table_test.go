package cli

import (
	"bytes"
	"testing"
)

// TestTableAlignsChineseByWidth: a column after a Chinese cell starts at
// the same terminal column on every line (CJK counts two cells).
func TestTableAlignsChineseByWidth(t *testing.T) {
	var b bytes.Buffer
	tb := newTable(&b)
	tb.row("姓名", "手机")
	tb.row("张三丰", "138****8000")
	tb.row("Li", "139****9000")
	if err := tb.flush(); err != nil {
		t.Fatal(err)
	}
	want := "姓名    手机\n张三丰  138****8000\nLi      139****9000\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}
