// Saves a file the host rendered (or text the screen made) through the browser's download: an <a download>
// on a blob URL. Works the same in serve mode (a browser tab) and in the desktop window (Electron's
// download handler). The blob URL is released right after the click has started the download.
import type { RenderedFile } from '@contract/shop'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function downloadRenderedFile(file: RenderedFile): void {
  saveBlob(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }), file.fileName)
}

export function downloadText(text: string, fileName: string, mimeType: string): void {
  saveBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName)
}
