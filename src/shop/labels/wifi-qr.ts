// The Wi-Fi join QR payload phones understand (Android camera, iOS 11+ camera, ZXing):
//   WIFI:T:WPA;S:<ssid>;P:<key>;;
// per ZXing's "Barcode Contents" page (https://github.com/zxing/zxing/wiki/Barcode-Contents#wi-fi-network-config-android-ios-11):
// the special characters \ ; , : " in the SSID and password are escaped with a backslash. T is WPA for
// any WPA/WPA2/WPA3 personal network (phones negotiate the version), nopass for an open one; P is left
// out when we do not know the key, and the phone then asks for it.
import QRCode from 'qrcode'

export interface WifiJoin {
  ssid: string
  /** Absent: the key is unknown (the phone asks for it) or the network is open (`open`). */
  key?: string
  open?: boolean
  hidden?: boolean
}

export function escapeWifiField(value: string): string {
  return value.replace(/[\\;,:"]/g, (c) => `\\${c}`)
}

export function wifiQrPayload(join: WifiJoin): string {
  const type = join.open ? 'nopass' : 'WPA'
  let payload = `WIFI:T:${type};S:${escapeWifiField(join.ssid)};`
  if (!join.open && join.key !== undefined) payload += `P:${escapeWifiField(join.key)};`
  if (join.hidden) payload += 'H:true;'
  return `${payload};`
}

/** A QR symbol as rows of dark (true) and light modules, without the quiet zone. */
export interface QrMatrix {
  size: number
  dark(row: number, column: number): boolean
}

/**
 * The symbol for `text` (UTF-8 byte mode for non-ASCII, so a Japanese SSID joins correctly even where the
 * printed text cannot show it). Error correction M: survives a scratched label (~15 %).
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  return { size: modules.size, dark: (row, column) => Boolean(modules.get(row, column)) }
}
