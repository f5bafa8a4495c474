package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeCSV returns a CSV file's text as UTF-8. Staff export spreadsheets
// from Excel, whose "CSV" on a Chinese Windows is GBK (GB18030) and whose
// "CSV UTF-8" starts with a byte-order mark: both are read. UTF-16 ("Unicode
// text") and anything else that is not text in those encodings is named as
// the problem, with the way out, rather than imported as mojibake.
func decodeCSV(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return nil, errors.New("文件是 UTF-16（Excel 的“Unicode 文本”）编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
	}
	if utf8.Valid(data) {
		return data, nil
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !plausibleGBK(data) {
		return nil, errors.New("文件既不是 UTF-8 也不是 GBK 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
	}
	return text, nil
}

// plausibleGBK checks that every byte sequence is ASCII or a well-formed
// GBK double-byte character (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F).
// GB18030's decoder accepts nearly any bytes, so a binary file or a Latin-1
// export would otherwise "decode" into nonsense.
func plausibleGBK(data []byte) bool {
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case b < 0x80:
			continue
		case b >= 0x81 && b <= 0xFE && i+1 < len(data):
			t := data[i+1]
			if t < 0x40 || t == 0x7F || t == 0xFF {
				return false
			}
			i++
		default:
			return false
		}
	}
	return true
}

// csvProblem words encoding/csv's parse errors, which name the line.
func csvProblem(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	what := "格式有误"
	switch {
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		what = "引号不成对（字段中的双引号要写成两个 \"\"）"
	case errors.Is(pe.Err, csv.ErrFieldCount):
		what = "列数与表头不同"
	}
	return fmt.Errorf("第 %d 行%s", pe.Line, what)
}
