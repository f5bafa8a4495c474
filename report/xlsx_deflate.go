package report

import (
	"compress/flate"
	"hash/crc32"
	"io"
)

// chunkSize is how much encoded XML a streamed sheet gathers before
// handing it to its compressor, and chunkBuffers how many such buffers
// each sheet owns: enough that neither side waits on the other for long,
// little enough (4 sheets × 3 × 256 KiB) to be memory nobody notices.
const (
	chunkSize    = 256 << 10
	chunkBuffers = 3
)

// chunk is a run of a part's XML; end closes the part after it.
type chunk struct {
	data []byte
	end  bool
	rows int // the part's data rows, with end
}

// compressor deflates a streamed sheet's XML into its spool on a
// goroutine of its own, while the caller reads the database and encodes
// rows: deflating is about a third of the export's work, and this way it
// runs on another core. Each part is its own deflate stream with its CRC
// and sizes, so the zip can store it as it is.
type compressor struct {
	in    chan chunk
	free  chan []byte
	done  chan struct{}
	spool *spool
	zw    *flate.Writer
	parts []sheetPart // the compressor's until done is closed
	err   error       // likewise
	open  bool
	cur   sheetPart
}

func newCompressor(sp *spool) (*compressor, error) {
	zw, err := flate.NewWriter(io.Discard, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	z := &compressor{in: make(chan chunk), free: make(chan []byte, chunkBuffers), done: make(chan struct{}), spool: sp, zw: zw}
	for range chunkBuffers {
		z.free <- make([]byte, 0, chunkSize+4096)
	}
	go z.run()
	return z, nil
}

// buffer is an empty buffer to fill, once the compressor has one free.
func (z *compressor) buffer() []byte { return <-z.free }

// send hands a filled buffer over; the compressor gives it back when done.
func (z *compressor) send(c chunk) { z.in <- c }

// stop waits for everything sent to be written and returns the parts.
func (z *compressor) stop() ([]sheetPart, error) {
	close(z.in)
	<-z.done
	return z.parts, z.err
}

func (z *compressor) run() {
	defer close(z.done)
	for c := range z.in {
		if z.err == nil {
			z.err = z.take(c)
		}
		z.free <- c.data[:0]
	}
	if z.err == nil {
		z.err = z.spool.flush()
	}
}

func (z *compressor) take(c chunk) error {
	if !z.open {
		z.open, z.cur = true, sheetPart{off: z.spool.n}
		z.zw.Reset(z.spool)
	}
	z.cur.crc = crc32.Update(z.cur.crc, crc32.IEEETable, c.data)
	z.cur.raw += int64(len(c.data))
	if _, err := z.zw.Write(c.data); err != nil {
		return err
	}
	if !c.end {
		return nil
	}
	if err := z.zw.Close(); err != nil {
		return err
	}
	z.cur.size, z.cur.rows = z.spool.n-z.cur.off, c.rows
	z.parts, z.open = append(z.parts, z.cur), false
	return nil
}
