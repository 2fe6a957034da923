// USSD strings on the wire. device-protocols.md §4.4: Huawei wants the request as packed GSM 7-bit septets in
// hex with dcs 15 whatever +CSCS says, padded with CR when the septet count is a multiple of 7, and answers
// the same way (drop a trailing CR when the byte length is a multiple of 7). Same rules as ModemManager's
// src/plugins/huawei/mm-broadband-modem-huawei.c encode()/decode(). Example: "*100#" → "AA180C3602".
import { fail, ok, type ParseResult } from '../result'
import { decodeGsm7, encodeGsm7, packSeptets, unpackSeptets } from './gsm7'
import { bytesToHex, hexToBytes } from './hex'

const CR = 0x0d

/** "*100#" → "AA180C3602"; null when the text has characters GSM 7-bit cannot carry. */
export function encodeUssdPacked(text: string): string | null {
  const septets = encodeGsm7(text)
  if (!septets) return null
  if (septets.length % 7 === 0) septets.push(CR)
  return bytesToHex(packSeptets(septets))
}

/** Packed GSM 7-bit hex → text. */
export function decodeUssdPacked(hex: string): ParseResult<string> {
  const bytes = hexToBytes(hex)
  if (!bytes) return fail('malformed', 'packed USSD text must be hex', hex)
  const septets = unpackSeptets(bytes, Math.floor((bytes.length * 8) / 7))
  if (bytes.length % 7 === 0 && septets[septets.length - 1] === CR) septets.pop()
  return ok(decodeGsm7(septets))
}
