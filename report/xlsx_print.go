package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// printSetup makes every sheet print as the command centre reads paper:
// landscape A4, one page wide, the header row repeated on each page. The
// streamed parts carry their page setup in their own XML
// (printSetupXML); the print titles of every sheet live in the workbook
// part, which excelize writes.
func (b *book) printSetup(sheets []string) error {
	if err := b.pageLayout(shSummary); err != nil {
		return err
	}
	for _, sh := range sheets {
		if sh == shSummary {
			continue // its first row is the campaign, not a header
		}
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$1", sh), Scope: sh}); err != nil {
			return fmt.Errorf("print titles of %s: %w", sh, err)
		}
	}
	return nil
}

// pageLayout sets a sheet excelize writes to print landscape on A4, one
// page wide. A sheet written through excelize's stream writer (机构响应)
// must have it before its writer is made: the writer copies the sheet's
// settings then.
func (b *book) pageLayout(sheet string) error {
	one, zero := 1, 0
	landscape, a4 := "landscape", 9
	fit := true
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
