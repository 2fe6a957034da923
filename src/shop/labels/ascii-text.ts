// Printed text is plain ASCII: the PDF uses the standard Helvetica font (WinAnsi, no CJK glyphs) and the
// PNG a 5×7 ASCII bitmap font. So text is made ASCII first: NFKC folds full-width letters and digits
// (Ｗｉ－Ｆｉ → Wi-Fi), NFKD then drops accents (Café → Cafe), and every remaining run of other
// characters (e.g. Japanese) becomes one "?" — the label then says so and the QR code, which carries
// the real UTF-8 name, is what joins the network. Nothing non-ASCII ever reaches a writer.

export interface PrintableText {
  text: string
  /** True when something could not be shown and was replaced by "?". */
  marked: boolean
}

export function toPrintableAscii(value: string): PrintableText {
  const folded = value
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
  let marked = false
  const text = folded.replace(/[^\x20-\x7e]+/g, () => {
    marked = true
    return '?'
  })
  return { text, marked }
}
