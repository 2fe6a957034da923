// The one way Hotspot Desk opens a URL in the user's browser. `shell.openExternal` hands its argument
// to the OS, which will happily launch file:, smb:, ms-msdt: or any registered custom scheme (Electron
// security checklist item 15), so only plain http(s) URLs without embedded credentials get through.
// Nothing else in electron/ may call shell.openExternal (tests/unit/electron-external-links.test.ts
// checks the sources).
import { shell } from 'electron'

/** The normalized URL to open, or null when it must not leave the app. */
export function toSafeExternalUrl(candidate: string): string | null {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '') return null
  if (url.hostname === '') return null
  return url.href
}

export function isSafeExternalUrl(candidate: string): boolean {
  return toSafeExternalUrl(candidate) !== null
}

/** Opens `candidate` in the OS browser if it is a safe http(s) URL; resolves to whether it did. */
export async function openExternalSafely(candidate: string): Promise<boolean> {
  const safe = toSafeExternalUrl(candidate)
  if (safe === null) {
    console.warn(`[main] refused to open a non-http(s) or credentialed URL externally: ${describeRefused(candidate)}`)
    return false
  }
  try {
    await shell.openExternal(safe, { activate: true })
    return true
  } catch (error) {
    console.warn(`[main] the OS could not open ${safe}: ${error instanceof Error ? error.message : String(error)}`)
    return false
  }
}

// Logs the scheme only: a refused URL may carry credentials or a script payload.
function describeRefused(candidate: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(candidate.trim())
  return scheme ? `${scheme[1].toLowerCase()}: URL` : 'unparsable URL'
}
