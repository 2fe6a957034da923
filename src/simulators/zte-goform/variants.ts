// Firmware generations of ZTE goform devices, as they differ for a client (reference §2.2, §2.3):
// how LOGIN wants the password, and whether / how setters are signed with AD.
//   base64           older firmware (MF61/MF90/MF283+ era): LOGIN password = base64(password), no LD, no RD/AD
//   base64-md5ad     base64 login but MD5 AD on setters — MF79RU firmware BD_MF79RUV1.0.0B02 (public MF79RU
//                    integration guide, indexed copy, §5–§6: wa_inner_version + empty cr_version, hex_md5)
//   sha256-md5ad     WEB_ATTR_IF_SUPPORT_SHA256 = 2 login (SHA256(SHA256(pw) + LD), uppercase) with MD5 AD —
//                    MF79U/MF833/MC801-class 2019+ firmware (reference §2.2/§2.3; Kajkac mc.py)
//   sha256-sha256ad  the same login with SHA-256 AD in uppercase — MC888/MC889, ZX297520-based units (§2.3)

export type ZteVariantId = 'base64' | 'base64-md5ad' | 'sha256-md5ad' | 'sha256-sha256ad'

export interface ZteVariant {
  id: ZteVariantId
  login: 'base64' | 'sha256'
  ad: 'none' | 'md5' | 'sha256'
  /** js/config/config.js WEB_ATTR_IF_SUPPORT_SHA256 as the stock UI reads it. */
  sha256Flag: 0 | 2
}

export const VARIANTS: Readonly<Record<ZteVariantId, ZteVariant>> = {
  base64: { id: 'base64', login: 'base64', ad: 'none', sha256Flag: 0 },
  'base64-md5ad': { id: 'base64-md5ad', login: 'base64', ad: 'md5', sha256Flag: 0 },
  'sha256-md5ad': { id: 'sha256-md5ad', login: 'sha256', ad: 'md5', sha256Flag: 2 },
  'sha256-sha256ad': { id: 'sha256-sha256ad', login: 'sha256', ad: 'sha256', sha256Flag: 2 }
}

export function isVariantId(value: string): value is ZteVariantId {
  return Object.prototype.hasOwnProperty.call(VARIANTS, value)
}
