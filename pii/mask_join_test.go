package pii

import "testing"

func TestMaskJoin(t *testing.T) {
	got := MaskJoin([]string{"李四13900139000的群", "群1380013", "8000群"}, "、")
	if want := "李四139****9000的群、群138****8000群"; got != want {
		t.Errorf("MaskJoin = %q, want %q", got, want)
	}
}
