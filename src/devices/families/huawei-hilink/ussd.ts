// USSD over the HiLink XML API (reference/device-protocols.md §1.12; Salamek/huawei-lte-api:huawei_lte_api/api/Ussd.py,
// siphomateke/huawei-router-api:src/ussd.js): POST ussd/send, then poll GET ussd/get while it answers 111019;
// GET ussd/release ends the session. Pure helpers only.
//
// The device does not say whether the network left the session open: ussd/get carries only <content>. Like
// siphomateke's client (getOptions), we read a reply whose lines offer numbered choices as a menu [U].
import type { UssdReply } from '../../model'
import { textOf, type XmlRecord, type XmlWritableRecord } from './xml'

/** The network is still working on it: keep polling ussd/get. */
export const USSD_PENDING = 111019
/** The network never answered. */
export const USSD_NETWORK_TIMEOUT = 111020

/** GSM 03.90: at most 182 characters of USSD string; the device refuses longer ones with 111014. */
export const USSD_MAX_LENGTH = 182

export type UssdInputError = { kind: 'empty' | 'too-long' | 'not-a-code'; message: string }

/** A code that starts a session: digits, * and #, optionally a leading +, e.g. "*100#", "#225#", "*123*1#". */
export function checkUssdCode(code: string): UssdInputError | undefined {
  const text = code.trim()
  if (text === '') return { kind: 'empty', message: 'Enter a USSD code such as *100#.' }
  if (text.length > USSD_MAX_LENGTH) return { kind: 'too-long', message: `USSD codes are at most ${USSD_MAX_LENGTH} characters.` }
  if (!/^[+]?[0-9*#]+$/.test(text)) return { kind: 'not-a-code', message: `"${text}" is not a USSD code: use digits, * and # (for example *100#).` }
  return undefined
}

/** An answer to an open menu: usually digits, sometimes free text; never empty or over-long. */
export function checkUssdAnswer(answer: string): UssdInputError | undefined {
  const text = answer.trim()
  if (text === '') return { kind: 'empty', message: 'Enter the menu choice to send.' }
  if (text.length > USSD_MAX_LENGTH) return { kind: 'too-long', message: `USSD answers are at most ${USSD_MAX_LENGTH} characters.` }
  return undefined
}

/**
 * POST ussd/send body. `codeType` carries the literal "CodeType" as the stock web UI and siphomateke send it
 * (Salamek sends "codeType"; devices do not check it); <timeout> is sent empty.
 */
export function ussdSendRequest(content: string): XmlWritableRecord {
  return { content: content.trim(), codeType: 'CodeType', timeout: '' }
}

/** ussd/get <content> → reply. The text is already decoded by the device; whitespace inside it is kept. */
export function parseUssdReply(record: XmlRecord | undefined): UssdReply | undefined {
  const content = record?.content
  if (typeof content !== 'string') return undefined
  const text = content.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '')
  return { text, sessionOpen: looksLikeMenu(text) }
}

/**
 * Two or more lines that offer a numbered choice: "1. Balance", "2) Data passes", "0: Exit", "*- Back". A
 * separator is required and a decimal is not one ("12.34 USD" is a balance, not option 12).
 */
export function looksLikeMenu(text: string): boolean {
  const options = text.split('\n').filter((line) => /^\s*(?:\d{1,2}|[*#])\s*(?:[.):>-]\s+\S|[.):>-][^\s\d])/.test(line))
  return options.length >= 2
}

/** ussd/status <result>: 0 idle, anything else busy (a request is with the network). */
export function parseUssdBusy(record: XmlRecord | undefined): boolean | undefined {
  const result = textOf(record, 'result')
  if (result === undefined || !/^\d+$/.test(result)) return undefined
  return result !== '0'
}
