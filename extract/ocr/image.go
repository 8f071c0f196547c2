package ocr

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"

	"golang.org/x/image/ccitt"
	"golang.org/x/image/tiff"
)

// MaxPixels bounds the images this package decodes: an A3 page at 600 dpi
// is 70 megapixels; a larger claim is a hostile file.
const MaxPixels = 80 << 20

// ErrImage is an image that cannot be decoded.
var ErrImage = errors.New("image cannot be decoded")

// Decode reads a JPEG, PNG or TIFF image into gray, refusing images larger
// than MaxPixels before their pixels are decoded. It returns the
// resolution the file declares (0 when unknown).
func Decode(data []byte) (*image.Gray, float64, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrImage, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, 0, fmt.Errorf("%w: %d×%d pixels", ErrImage, cfg.Width, cfg.Height)
	}
	var img image.Image
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	case "tiff":
		img, err = tiff.Decode(bytes.NewReader(data))
	default:
		return nil, 0, fmt.Errorf("%w: format %s", ErrImage, format)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrImage, err)
	}
	return ToGray(img), declaredDPI(data, format), nil
}

// ToGray converts an image to 8-bit gray; a JPEG's luma plane is taken
// as it is.
func ToGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], src.Pix[(y)*src.Stride:])
		}
	case *image.YCbCr:
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], src.Y[y*src.YStride:])
		}
	case *image.CMYK:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				i := src.PixOffset(x+b.Min.X, y+b.Min.Y)
				c, m, yy, k := int(src.Pix[i]), int(src.Pix[i+1]), int(src.Pix[i+2]), int(src.Pix[i+3])
				lum := (299*c + 587*m + 114*yy) / 1000
				g.Pix[y*g.Stride+x] = uint8(255 - min(255, lum+k))
			}
		}
	default:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				g.Pix[y*g.Stride+x] = color.GrayModel.Convert(img.At(x+b.Min.X, y+b.Min.Y)).(color.Gray).Y
			}
		}
	}
	return g
}

// CCITT describes a CCITTFaxDecode stream (PDF 32000 7.4.6).
type CCITT struct {
	K          int // < 0 Group 4, 0 Group 3 one-dimensional
	Columns    int
	Rows       int
	BlackIs1   bool
	ByteAlign  bool
	InvertGray bool // the image's /Decode is [1 0]
}

// DecodeCCITT decodes fax-coded bits into gray (black 0, white 255).
// Mixed two-dimensional Group 3 (K > 0) is not supported.
func DecodeCCITT(data []byte, p CCITT) (*image.Gray, error) {
	if p.K > 0 {
		return nil, fmt.Errorf("%w: CCITT group 3 2-D", ErrImage)
	}
	if p.Columns <= 0 || p.Columns > 1<<16 || p.Rows > 1<<16 {
		return nil, fmt.Errorf("%w: CCITT %d columns", ErrImage, p.Columns)
	}
	sf := ccitt.Group3
	if p.K < 0 {
		sf = ccitt.Group4
	}
	rows := p.Rows
	if rows <= 0 {
		rows = ccitt.AutoDetectHeight
	}
	r := ccitt.NewReader(bytes.NewReader(data), ccitt.MSB, sf, p.Columns, rows, &ccitt.Options{Align: p.ByteAlign, Invert: p.BlackIs1})
	stride := (p.Columns + 7) / 8
	var bits []byte
	buf := make([]byte, stride)
	for len(bits) < MaxPixels/8 {
		_, err := io.ReadFull(r, buf)
		if err != nil {
			if len(bits) == 0 {
				return nil, fmt.Errorf("%w: CCITT: %v", ErrImage, err)
			}
			break // a damaged tail: keep the rows read
		}
		bits = append(bits, buf...)
	}
	h := len(bits) / stride
	g := image.NewGray(image.Rect(0, 0, p.Columns, h))
	for y := 0; y < h; y++ {
		row := bits[y*stride:]
		for x := 0; x < p.Columns; x++ {
			white := row[x>>3]&(0x80>>(x&7)) != 0
			if white != p.InvertGray {
				g.Pix[y*g.Stride+x] = 255
			}
		}
	}
	return g, nil
}

// Raw builds a gray image from uncompressed samples (a Flate image's
// decoded bytes): 1 or 8 bits per component, 1 (gray) or 3 (RGB)
// components, rows padded to whole bytes.
func Raw(data []byte, w, h, bpc, comps int, invert bool) (*image.Gray, error) {
	if w <= 0 || h <= 0 || int64(w)*int64(h) > MaxPixels || (bpc != 1 && bpc != 8) || (comps != 1 && comps != 3) || bpc == 1 && comps != 1 {
		return nil, fmt.Errorf("%w: raw %d×%d, %d bits, %d components", ErrImage, w, h, bpc, comps)
	}
	stride := (w*bpc*comps + 7) / 8
	if len(data) < stride*h {
		h = len(data) / stride
		if h == 0 {
			return nil, fmt.Errorf("%w: raw image truncated", ErrImage)
		}
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := data[y*stride:]
		for x := 0; x < w; x++ {
			var v uint8
			switch {
			case bpc == 1:
				if row[x>>3]&(0x80>>(x&7)) != 0 {
					v = 255
				}
			case comps == 1:
				v = row[x]
			default:
				r, gg, b := int(row[3*x]), int(row[3*x+1]), int(row[3*x+2])
				v = uint8((299*r + 587*gg + 114*b) / 1000)
			}
			if invert {
				v = 255 - v
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return g, nil
}

// DecodePGM reads a binary PGM (P5, 8 bits), as pdftoppm -gray writes.
func DecodePGM(r io.Reader) (*image.Gray, error) {
	br := bufio.NewReader(r)
	var hdr [4]int // magic check, width, height, maxval
	magic := make([]byte, 2)
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != "P5" {
		return nil, fmt.Errorf("%w: not a PGM", ErrImage)
	}
	for i := 1; i < 4; i++ {
		tok, err := pnmToken(br)
		if err != nil {
			return nil, fmt.Errorf("%w: PGM header", ErrImage)
		}
		hdr[i], err = strconv.Atoi(tok)
		if err != nil || hdr[i] <= 0 {
			return nil, fmt.Errorf("%w: PGM header %q", ErrImage, tok)
		}
	}
	w, h := hdr[1], hdr[2]
	if hdr[3] > 255 || int64(w)*int64(h) > MaxPixels {
		return nil, fmt.Errorf("%w: PGM %d×%d max %d", ErrImage, w, h, hdr[3])
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(br, g.Pix); err != nil {
		return nil, fmt.Errorf("%w: PGM pixels: %v", ErrImage, err)
	}
	return g, nil
}

// pnmToken reads one header token, skipping white space and comments,
// and the single white space byte after it.
func pnmToken(br *bufio.Reader) (string, error) {
	var tok []byte
	for {
		c, err := br.ReadByte()
		if err != nil {
			return "", err
		}
		switch {
		case c == '#' && len(tok) == 0:
			if _, err := br.ReadString('\n'); err != nil {
				return "", err
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if len(tok) > 0 {
				return string(tok), nil
			}
		default:
			tok = append(tok, c)
			if len(tok) > 10 {
				return "", errors.New("token too long")
			}
		}
	}
}

// EncodePGM writes g as a binary PGM, the cheapest format tesseract reads
// from a pipe.
func EncodePGM(w io.Writer, g *image.Gray) error {
	b := g.Bounds()
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		i := g.PixOffset(b.Min.X, y)
		if _, err := bw.Write(g.Pix[i : i+b.Dx()]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// declaredDPI reads the resolution a JPEG (JFIF density) or PNG (pHYs)
// declares; 0 when it does not.
func declaredDPI(data []byte, format string) float64 {
	switch format {
	case "jpeg":
		// JFIF APP0: FF D8 FF E0 len "JFIF\0" ver(2) units(1) xdens(2)
		if len(data) > 18 && data[2] == 0xFF && data[3] == 0xE0 && string(data[6:11]) == "JFIF\x00" {
			units, xd := data[13], int(data[14])<<8|int(data[15])
			switch units {
			case 1:
				return float64(xd)
			case 2:
				return float64(xd) * 2.54
			}
		}
	case "png":
		if i := bytes.Index(data, []byte("pHYs")); i > 0 && i+13 <= len(data) {
			ppu := int(data[i+4])<<24 | int(data[i+5])<<16 | int(data[i+6])<<8 | int(data[i+7])
			if data[i+12] == 1 {
				return float64(ppu) * 0.0254
			}
		}
	}
	return 0
}
