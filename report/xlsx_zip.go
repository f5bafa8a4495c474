package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// The workbook's parts that name its sheets: excelize always writes the
// workbook part here, and the relationships beside it.
const (
	partWorkbook = "xl/workbook.xml"
	partRels     = "xl/_rels/workbook.xml.rels"
)

// assemble writes the workbook to w: every part of skeleton (the workbook
// excelize made, with an empty sheet for each streamed part) copied as it
// is, still compressed, except those empty sheets, each replaced by its
// streamed part's deflated bytes, also copied without recompressing.
func assemble(w io.Writer, skeleton []byte, sheets []*streamSheet) error {
	zr, err := zip.NewReader(bytes.NewReader(skeleton), int64(len(skeleton)))
	if err != nil {
		return err
	}
	paths, err := sheetPaths(zr)
	if err != nil {
		return err
	}
	streamed := map[string]func(*zip.Writer, string) error{}
	for _, s := range sheets {
		for i := range s.parts {
			p, ok := paths[s.partName(i)]
			if !ok {
				return fmt.Errorf("sheet %s missing from the workbook", s.partName(i))
			}
			streamed[p] = func(zw *zip.Writer, name string) error { return s.store(zw, name, i) }
		}
	}
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		if put, ok := streamed[zf.Name]; ok {
			err = put(zw, zf.Name)
		} else {
			err = zw.Copy(zf)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// store adds part i to zw as name, its deflated bytes as they are.
func (s *streamSheet) store(zw *zip.Writer, name string, i int) error {
	p := s.parts[i]
	pw, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: p.crc,
		CompressedSize64: uint64(p.size), UncompressedSize64: uint64(p.raw)})
	if err != nil {
		return err
	}
	_, err = io.Copy(pw, s.part(i))
	return err
}

// sheetPaths maps each sheet's name to its part in the zip, through the
// workbook's relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXML(zr, partWorkbook, &wb); err != nil {
		return nil, err
	}
	if err := readXML(zr, partRels, &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = strings.TrimPrefix(r.Target, "/")
		} else {
			targets[r.ID] = path.Join(path.Dir(partWorkbook), r.Target)
		}
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	return out, nil
}

func readXML(zr *zip.Reader, name string, v any) error {
	rc, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}
