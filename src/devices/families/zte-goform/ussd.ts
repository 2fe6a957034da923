// USSD on goform firmware (reference §2.8; anysoft/mifi-tools:webs/mf761/web/js/com.js getUSSDResponse and
// USSDReplyCancel, sim_device.js ussd page). After POST USSD_PROCESS the UI polls cmd=ussd_write_flag once a
// second: 15 = still waiting, 16 = a reply is ready in cmd=ussd_data_info (ussd_data UCS2 hex, ussd_action,
// ussd_dcs), 13 = cancel confirmed; the rest are failures. The UI shows the reply box while ussd_action says
// the network expects an answer.
import type { ErrorCode } from '../../../contract/errors'
import type { UssdReply } from '../../model'
import { decodeUcs2Hex } from './codec'
import { fieldsOf, textOf, type GoformObject } from './json'
import { bad, ok, type ParseResult } from './result'

export type UssdFlag =
  | { kind: 'waiting' }
  | { kind: 'ready' }
  | { kind: 'cancelled' }
  | { kind: 'idle' }
  | { kind: 'failed'; code: ErrorCode; message: string; flag: string }

export function parseUssdWriteFlag(answer: GoformObject): UssdFlag {
  const flag = textOf(fieldsOf(answer), 'ussd_write_flag') ?? ''
  switch (flag) {
    case '15':
      return { kind: 'waiting' }
    case '16':
      return { kind: 'ready' }
    case '13':
      return { kind: 'cancelled' }
    case '0':
    case '':
      return { kind: 'idle' }
    case '1':
      return failed(flag, 'BUSY', 'The device has no network service for USSD right now. Try again when it shows signal.')
    case '2':
      return failed(flag, 'PROTOCOL', 'The network ended the USSD session without an answer.')
    case '3':
    case '4':
    case 'unknown':
      return failed(flag, 'TIMEOUT', 'The network did not answer the USSD request in time.')
    case '10':
      return failed(flag, 'BUSY', 'The device asks to retry the USSD request. Try again in a moment.')
    case '41':
      return failed(flag, 'UNSUPPORTED', 'The network does not support this USSD operation.')
    case '99':
      return failed(flag, 'UNSUPPORTED', 'This device does not support USSD.')
    default:
      return failed(flag, 'PROTOCOL', `The USSD request failed (device status ${JSON.stringify(flag.slice(0, 12))}).`)
  }
}

function failed(flag: string, code: ErrorCode, message: string): UssdFlag {
  return { kind: 'failed', code, message, flag }
}

/**
 * ussd_data_info → the reply. ussd_action follows +CUSD <m> (3GPP TS 27.007 §7.15): 1 = the network expects an
 * answer, 0 = no further action, 2 = terminated by the network; other values are treated as "expects an
 * answer" like the stock UI, which keeps the reply box for any non-zero action [U].
 */
export function parseUssdData(answer: GoformObject): ParseResult<UssdReply> {
  const fields = fieldsOf(answer)
  const data = fields.ussd_data
  if (data === undefined) return bad('ussd_data', '', 'the device sent no USSD reply text')
  const decoded = decodeUcs2Hex(data, 'ussd_data')
  const text = decoded.ok ? decoded.value : data
  const action = textOf(fields, 'ussd_action') ?? '0'
  return ok({ text, sessionOpen: action !== '0' && action !== '2' })
}
