// Login passwords and the AD write token of ZTE goform firmware (reference §2.2, §2.3). Pure; node:crypto only.
//
// LOGIN `password` (stock service.js login(), public copies indexed; reference §2.2):
//   WEB_ATTR_IF_SUPPORT_SHA256 absent/0 (MF61/MF90/MF283+/MF79RU B02 …): base64(password)
//   WEB_ATTR_IF_SUPPORT_SHA256 = 2 (MF79U/MF833-class 2019+, MC801/MC888): SHA256(SHA256(password) + LD)
//     where the stock util.js SHA256() returns UPPERCASE hex (so both rounds are uppercase) and LD is the
//     salt read with cmd=LD right before the attempt (tpoechtrager/ZTE-CLI-Tool: Service/ZteClient.cs
//     CalculateLoginHashAsync, Tools.cs ZteSha256; Kajkac/ZTE-MC-Home-assistant-repo: mc.py getCookie).
//   The flag itself lives in /js/config/config.js and may be hidden before login, so clients pick the scheme
//   from the LD salt: non-empty → SHA-256, empty → base64 (reference §2.2 "detection heuristic").
//   (Flag value 1, SHA256(base64(password)), is reported by one source as untested and is not used here.)
//
// AD on every setter except LOGIN (reference §2.3; stock service.js: hex_md5(hex_md5(rd0 + rd1) + RD) with
// rd0 = wa_inner_version, rd1 = cr_version):
//   MD5 firmware: AD = md5hex(md5hex(wa_inner_version + cr_version) + RD), lowercase (hex_md5, hexcase = 0)
//   SHA-256 firmware (MC888/MC889, ZX297520-based): the same with SHA-256 in UPPERCASE (Kajkac mc.py get_AD)
//   Firmware without RD take setters without AD.
import { createHash } from 'node:crypto'

export type LoginScheme = 'base64' | 'sha256'
export type AdScheme = 'md5' | 'sha256'

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex')
}

export function sha256HexUpper(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase()
}

/** Older firmware: base64 of the UTF-8 password. */
export function base64Password(password: string): string {
  return Buffer.from(password, 'utf8').toString('base64')
}

/** SHA-256 firmware: SHA256(SHA256(password) + LD), both rounds uppercase hex. */
export function sha256LoginPassword(password: string, ld: string): string {
  return sha256HexUpper(sha256HexUpper(password) + ld)
}

export function loginPassword(scheme: LoginScheme, password: string, ld: string): string {
  return scheme === 'sha256' ? sha256LoginPassword(password, ld) : base64Password(password)
}

/** The login scheme a firmware wants, judged from its LD salt (read without login). */
export function loginSchemeFor(ld: string | undefined): LoginScheme {
  return ld !== undefined && ld.trim() !== '' ? 'sha256' : 'base64'
}

export function computeAd(scheme: AdScheme, waInnerVersion: string, crVersion: string, rd: string): string {
  if (scheme === 'sha256') return sha256HexUpper(sha256HexUpper(waInnerVersion + crVersion) + rd)
  return md5Hex(md5Hex(waInnerVersion + crVersion) + rd)
}

/**
 * Which AD hash to try first. Clients switch to SHA-256 for MC888/MC889 (ZteClient.cs devicesWithNewApi,
 * Kajkac get_AD); everything else starts with MD5. The driver falls back to the other scheme once when a
 * write is refused before any write has succeeded, so an unlisted SHA-256 firmware still works.
 */
export function adSchemeHint(waInnerVersion: string | undefined): AdScheme {
  return waInnerVersion !== undefined && /MC88[89]/i.test(waInnerVersion) ? 'sha256' : 'md5'
}
