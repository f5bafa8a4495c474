package web

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// QRPNG draws text as a QR code PNG: scale pixels a module and the
// standard four-module quiet zone, black on white, so any phone camera
// reads it. The library's own image writer pulls in a drawing stack this
// needs none of; the module matrix is all we take from it.
func QRPNG(text string, scale int) ([]byte, error) {
	code, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("encode QR code: %w", err)
	}
	w := &pngWriter{scale: max(scale, 1)}
	if err := code.Save(w); err != nil {
		return nil, fmt.Errorf("draw QR code: %w", err)
	}
	return w.buf.Bytes(), nil
}

// pngWriter is a qrcode.Writer that paints the matrix with image/png.
type pngWriter struct {
	scale int
	buf   bytes.Buffer
}

const quietZone = 4

func (w *pngWriter) Write(mat qrcode.Matrix) error {
	bits := mat.Bitmap()
	n := len(bits)
	side := (n + 2*quietZone) * w.scale
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y, row := range bits {
		for x, dark := range row {
			if !dark {
				continue
			}
			x0, y0 := (x+quietZone)*w.scale, (y+quietZone)*w.scale
			for dy := range w.scale {
				for dx := range w.scale {
					img.SetColorIndex(x0+dx, y0+dy, 1)
				}
			}
		}
	}
	return png.Encode(&w.buf, img)
}

func (w *pngWriter) Close() error { return nil }
