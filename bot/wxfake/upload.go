package wxfake

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// upload collects the chunks of one file being uploaded.
type upload struct {
	chunks int
	parts  map[int][]byte
}

// media is an uploaded file, which a later send refers to by MediaId.
type media struct {
	name string
	data []byte
}

// maxChunkForm bounds a parsed upload form; openwechat sends 512 KiB chunks.
const maxChunkForm = 4 << 20

// chunkRequest is one parsed webwxuploadmedia request.
type chunkRequest struct {
	BaseRequest   baseRequest
	ClientMediaId int64
	TotalLen      int64
	FileMd5       string
	ToUserName    string

	name, dataTicket, passTicket, cookie string
	chunks, index                        int
	data                                 []byte
}

// uploadMedia answers POST file.D/cgi-bin/mmwebwx-bin/webwxuploadmedia?f=json.
// Each request is a multipart form with the JSON "uploadmediarequest", the
// "webwx_data_ticket" and "pass_ticket" fields, "chunks"/"chunk" when the
// file spans several 512 KiB chunks, and the chunk as "filename". The
// request must carry the session's webwx_data_ticket cookie too. The last
// chunk is answered with the MediaId, once the whole file's size and MD5
// match the request's.
func (s *Server) uploadMedia(w http.ResponseWriter, r *http.Request) {
	req, err := parseChunk(r)
	if err != nil {
		writeBase(w, 1, "wxfake: "+err.Error())
		return
	}
	br := req.BaseRequest
	s.mu.Lock()
	ss, code := s.lookup(br.Uin, br.Sid, br.Skey)
	code = s.cookieCode(r, ss, code)
	switch {
	case code != "0":
		s.mu.Unlock()
		writeBase(w, retOf(code), "")
		return
	case req.cookie != ss.dataTicket || req.dataTicket != ss.dataTicket || req.passTicket != ss.passTicket:
		s.mu.Unlock()
		writeBase(w, 1, "wxfake: webwx_data_ticket or pass_ticket missing or wrong")
		return
	}
	id, done, err := s.storeChunk(req)
	s.mu.Unlock()
	switch {
	case err != nil:
		writeBase(w, 1, "wxfake: "+err.Error())
	case !done:
		writeJSON(w, uploadResponse{StartPos: int64(req.index+1) * int64(len(req.data))})
	default:
		writeJSON(w, uploadResponse{MediaId: id, StartPos: req.TotalLen})
	}
}

type uploadResponse struct {
	BaseResponse baseResponse
	MediaId      string
	StartPos     int64
}

func parseChunk(r *http.Request) (*chunkRequest, error) {
	if err := r.ParseMultipartForm(maxChunkForm); err != nil {
		return nil, err
	}
	var req chunkRequest
	if err := json.Unmarshal([]byte(r.FormValue("uploadmediarequest")), &req); err != nil {
		return nil, fmt.Errorf("uploadmediarequest: %w", err)
	}
	f, _, err := r.FormFile("filename")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if req.data, err = io.ReadAll(f); err != nil {
		return nil, err
	}
	req.name = r.FormValue("name")
	req.dataTicket, req.passTicket = r.FormValue("webwx_data_ticket"), r.FormValue("pass_ticket")
	req.chunks, req.index = formInt(r, "chunks", 1), formInt(r, "chunk", 0)
	if c, err := r.Cookie("webwx_data_ticket"); err == nil {
		req.cookie = c.Value
	}
	return &req, nil
}

// storeChunk keeps a chunk; once all chunks are in it checks the file and
// stores it as media. Call with s.mu held.
func (s *Server) storeChunk(req *chunkRequest) (mediaID string, done bool, err error) {
	key := strconv.FormatInt(req.ClientMediaId, 10) + "|" + req.FileMd5 + "|" + req.ToUserName + "|" + req.name
	up := s.uploads[key]
	if up == nil {
		up = &upload{chunks: req.chunks, parts: make(map[int][]byte)}
		s.uploads[key] = up
	}
	up.parts[req.index] = req.data
	if len(up.parts) < up.chunks {
		return "", false, nil
	}
	delete(s.uploads, key)
	var data bytes.Buffer
	for i := range up.chunks {
		data.Write(up.parts[i])
	}
	sum := md5.Sum(data.Bytes())
	if int64(data.Len()) != req.TotalLen || hex.EncodeToString(sum[:]) != req.FileMd5 {
		return "", false, errors.New("uploaded size or md5 does not match")
	}
	mediaID = "@crypt_" + randHex(8) + "_" + randHex(64)
	s.media[mediaID] = &media{name: req.name, data: data.Bytes()}
	return mediaID, true, nil
}

func formInt(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.FormValue(name))
	if err != nil {
		return def
	}
	return n
}
