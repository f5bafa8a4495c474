package bot

import (
	"bytes"
	"fmt"
	"io"

	"github.com/eatmoreapple/openwechat"
	"github.com/mdp/qrterminal/v3"
)

// qrLoginURL is what the login QR code encodes: the phone's WeChat opens it
// to confirm the web login of this uuid.
func qrLoginURL(uuid string) string { return "https://login.weixin.qq.com/l/" + uuid }

// drawQR draws the login QR code in the terminal, in half-block characters
// (two modules per character row, so it fits a normal window), and prints
// the URL of the same code as an image for terminals that mangle it.
//
// With several accounts, account names the account the code logs in, in
// a line above it, so the operator scans each with the right phone. The
// code is written in one Write: accounts logging in at once never
// interleave their codes on one terminal.
func drawQR(w io.Writer, account, uuid string) {
	var b bytes.Buffer
	if account != "" {
		fmt.Fprintf(&b, txtQRAccount, account)
	}
	fmt.Fprintln(&b, txtScanQR)
	qrterminal.GenerateHalfBlock(qrLoginURL(uuid), qrterminal.L, &b)
	fmt.Fprintln(&b, openwechat.GetQrcodeUrl(uuid))
	w.Write(b.Bytes())
}
