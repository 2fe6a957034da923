// UssdOperations for Huawei (reference §1.12): GET ussd/status (refuse with BUSY while another request is with
// the network), POST ussd/send, poll GET ussd/get while the device answers 111019, release with GET ussd/release. A final (non-menu) reply is released at once, as
// siphomateke/huawei-router-api:src/ussd.js says one must; a menu stays open for respond().
import { ContractError } from '../../../contract/errors'
import type { UssdOperations } from '../../driver'
import type { UssdReply } from '../../model'
import { contractErrorFromHuawei, huaweiCodeOf } from './errors'
import type { HuaweiOpsContext } from './ops-context'
import type { HuaweiSession } from './session'
import { checkUssdAnswer, checkUssdCode, parseUssdBusy, parseUssdReply, USSD_NETWORK_TIMEOUT, USSD_PENDING, ussdSendRequest, type UssdInputError } from './ussd'
import type { XmlRecord } from './xml'

export function createUssdOperations(ctx: HuaweiOpsContext): UssdOperations {
  const release = async (signal?: AbortSignal): Promise<void> => {
    await ctx.run(async (session) => {
      const document = await session.getDocument('ussd/release', signal)
      // No session to end is not a failure; anything but "login required" is ignored here.
      if (document.kind === 'error' && document.code === 100003) throw contractErrorFromHuawei(document.code, { endpoint: 'ussd/release' })
    }, signal)
  }

  const releaseQuietly = async (): Promise<void> => {
    try {
      await release(AbortSignal.timeout(3000))
    } catch {
      // Best effort: the network ends an abandoned session by itself.
    }
  }

  /** Send, then poll until the network answers. On cancel, timeout or a network timeout the session is released. */
  const exchange = async (content: string, signal?: AbortSignal): Promise<UssdReply> => {
    // Another request still with the network (another client, or ours abandoned): sending now would be 111013.
    const status = await ctx.run((session) => session.getOptional('ussd/status', signal), signal)
    if (parseUssdBusy(status) === true) {
      throw new ContractError('BUSY', 'The device is still waiting for the network to answer another USSD request. Try again in a moment, or cancel it.')
    }
    try {
      await ctx.run((session) => session.post('ussd/send', ussdSendRequest(content), { signal }), signal)
      const deadline = Date.now() + ctx.timing.ussdTimeoutMs
      for (;;) {
        const record = await ctx.run((session) => getReply(session, signal), signal)
        if (record !== 'pending') {
          const reply = parseUssdReply(record)
          if (!reply) throw new ContractError('PROTOCOL', 'The device answered the USSD request without any content.', { endpoint: 'ussd/get' })
          if (!reply.sessionOpen) await releaseQuietly()
          return reply
        }
        if (Date.now() >= deadline) {
          throw new ContractError('TIMEOUT', `The network did not answer the USSD request within ${Math.round(ctx.timing.ussdTimeoutMs / 1000)} s. Check the code and the signal, then try again.`)
        }
        await ctx.sleep(ctx.timing.pollIntervalMs, signal)
      }
    } catch (error) {
      const cancelled = signal?.aborted === true || (error instanceof ContractError && error.code === 'CANCELLED')
      const timedOut = error instanceof ContractError && error.code === 'TIMEOUT'
      if (cancelled || timedOut || huaweiCodeOf(error) === USSD_NETWORK_TIMEOUT) await releaseQuietly()
      // An abort inside an HTTP request surfaces as the caller's own reason; callers get one code for it.
      if (cancelled && !(error instanceof ContractError && error.code === 'CANCELLED')) throw new ContractError('CANCELLED', 'The USSD request was cancelled.')
      throw error
    }
  }

  return {
    send(code: string, signal?: AbortSignal): Promise<UssdReply> {
      const problem = checkUssdCode(code)
      if (problem) return Promise.reject(badInput(problem))
      return exchange(code, signal)
    },

    respond(answer: string, signal?: AbortSignal): Promise<UssdReply> {
      const problem = checkUssdAnswer(answer)
      if (problem) return Promise.reject(badInput(problem))
      return exchange(answer, signal)
    },

    async cancel(signal?: AbortSignal): Promise<void> {
      await release(signal)
    }
  }
}

/** ussd/get: the reply record, 'pending' while the device answers 111019, a ContractError otherwise. */
async function getReply(session: HuaweiSession, signal?: AbortSignal): Promise<XmlRecord | 'pending'> {
  const document = await session.getDocument('ussd/get', signal)
  if (document.kind === 'response') return document.record
  if (document.code === USSD_PENDING) return 'pending'
  throw contractErrorFromHuawei(document.code, { endpoint: 'ussd/get', fields: document.record })
}

function badInput(problem: UssdInputError): ContractError {
  return new ContractError('BAD_INPUT', problem.message, { reason: problem.kind })
}
