package bot

import (
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
func drawQR(w io.Writer, uuid string) {
	fmt.Fprintln(w, txtScanQR)
	qrterminal.GenerateHalfBlock(qrLoginURL(uuid), qrterminal.L, w)
	fmt.Fprintln(w, openwechat.GetQrcodeUrl(uuid))
}
