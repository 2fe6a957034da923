// A minimal PDF 1.4 writer (ISO 32000-1 §7.5 file structure): catalog, page tree, one content stream per
// page, the standard Helvetica fonts (no embedding needed, §9.6.2.2) and a cross-reference table whose
// offsets are counted in bytes while writing. Vector output: QR modules are filled rectangles, so the
// code prints sharp at any size. Text must already be printable ASCII (ascii-text.ts).
import type { DrawOp, Page } from './drawing'

const PT_PER_MM = 72 / 25.4

export function writePdf(pages: readonly Page[]): Buffer {
  if (pages.length === 0) throw new Error('pdf: no pages')
  // Objects 1–4 are fixed; each page then takes two numbers (page, contents).
  const objects: string[] = []
  const pageRefs = pages.map((_, index) => 5 + index * 2)
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pageRefs.map((ref) => `${ref} 0 R`).join(' ')}] /Count ${pages.length} >>`
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'
  pages.forEach((page, index) => {
    const pageRef = pageRefs[index] ?? 0
    const width = num(page.widthMm * PT_PER_MM)
    const height = num(page.heightMm * PT_PER_MM)
    const content = pageContent(page)
    objects[pageRef] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageRef + 1} 0 R >>`
    objects[pageRef + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`
  })

  // A binary comment line after the header tells transfer tools the file is binary (§7.5.2).
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let offset = chunks[0]?.length ?? 0
  const offsets: number[] = []
  for (let number = 1; number < objects.length; number++) {
    offsets[number] = offset
    const chunk = Buffer.from(`${number} 0 obj\n${objects[number] ?? 'null'}\nendobj\n`, 'latin1')
    chunks.push(chunk)
    offset += chunk.length
  }
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, CR LF-ish EOL.
  let xref = `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let number = 1; number < objects.length; number++) xref += `${String(offsets[number]).padStart(10, '0')} 00000 n \n`
  xref += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`
  chunks.push(Buffer.from(xref, 'latin1'))
  return Buffer.concat(chunks)
}

function pageContent(page: Page): string {
  const height = page.heightMm * PT_PER_MM
  const lines: string[] = ['0 g 0 G 0.5 w']
  for (const op of page.ops) lines.push(opToPdf(op, height))
  return lines.join('\n')
}

function opToPdf(op: DrawOp, pageHeight: number): string {
  switch (op.kind) {
    case 'fill':
      return `${rect(op, pageHeight)} re f`
    case 'outline':
      return `${rect(op, pageHeight)} re S`
    case 'text': {
      const size = op.size * PT_PER_MM
      // The line box is `size` tall; Helvetica's baseline sits about 0.8 of it below the top.
      const baseline = pageHeight - (op.y + op.size * 0.8) * PT_PER_MM
      return `BT /${op.bold ? 'F2' : 'F1'} ${num(size)} Tf ${num(op.x * PT_PER_MM)} ${num(baseline)} Td (${escapePdfString(op.text)}) Tj ET`
    }
  }
}

function rect(op: { x: number; y: number; w: number; h: number }, pageHeight: number): string {
  const x = op.x * PT_PER_MM
  const y = pageHeight - (op.y + op.h) * PT_PER_MM
  return `${num(x)} ${num(y)} ${num(op.w * PT_PER_MM)} ${num(op.h * PT_PER_MM)}`
}

/** A literal string (§7.3.4.2): backslash, parentheses escaped; anything outside printable ASCII dropped to "?". */
export function escapePdfString(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`)
}

function num(value: number): string {
  return (Math.round(value * 1000) / 1000).toString()
}
