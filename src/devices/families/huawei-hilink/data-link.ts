// Switching mobile data and waiting for it to settle (reference §1.10, §1.8):
//   modern firmware: POST dialup/mobile-dataswitch <dataswitch>0|1</dataswitch>
//   old E5 / HiLink firmware: POST dialup/dial <Action>0|1</Action>
// then poll monitoring/status ConnectionStatus: 900 connecting, 901 connected, 902 disconnected, 903
// disconnecting; anything else is a failure code (profile invalid, access denied, plan used up …).
import { ContractError } from '../../../contract/errors'
import type { HuaweiOpsContext } from './ops-context'
import { parseIntStrict } from './parse'
import { textOf } from './xml'

export const CONNECTING = 900
export const CONNECTED = 901
export const DISCONNECTED = 902
export const DISCONNECTING = 903

/** The setter for this firmware. Resolves once the device accepted the switch, not when data is up. */
export async function switchData(ctx: HuaweiOpsContext, enabled: boolean, signal?: AbortSignal): Promise<void> {
  const value = enabled ? 1 : 0
  await ctx.run(
    (session) =>
      ctx.features.dataLink === 'dataswitch'
        ? session.post('dialup/mobile-dataswitch', { dataswitch: value }, { signal })
        : session.post('dialup/dial', { Action: value }, { signal }),
    signal
  )
}

/**
 * Poll ConnectionStatus until the session has gone down (left 900/901/903) or come up (left 900/902/903:
 * connected, or failed with a code the verify step will report). Returns the final code; TIMEOUT when it
 * never settles. A firmware without ConnectionStatus cannot be watched: it returns undefined at once.
 */
export async function waitForDataSettled(ctx: HuaweiOpsContext, towards: 'down' | 'up', signal?: AbortSignal): Promise<number | undefined> {
  const transitional = towards === 'down' ? [CONNECTING, CONNECTED, DISCONNECTING] : [CONNECTING, DISCONNECTED, DISCONNECTING]
  const deadline = Date.now() + ctx.timing.dataSettleTimeoutMs
  for (;;) {
    const status = await ctx.run((session) => session.getOptional('monitoring/status', signal), signal)
    const raw = textOf(status, 'ConnectionStatus')
    const code = raw === undefined ? undefined : parseIntStrict(raw)
    if (code === undefined || !transitional.includes(code)) return code
    if (Date.now() >= deadline) {
      throw new ContractError(
        'TIMEOUT',
        towards === 'down'
          ? `Mobile data did not switch off within ${Math.round(ctx.timing.dataSettleTimeoutMs / 1000)} s (connection status ${code}).`
          : `Mobile data did not come back within ${Math.round(ctx.timing.dataSettleTimeoutMs / 1000)} s (connection status ${code}). Check the signal and that the line has data.`,
        { connectionStatus: code }
      )
    }
    await ctx.sleep(ctx.timing.pollIntervalMs, signal)
  }
}

/** Drop the data session and bring it back, so a new default profile takes effect. */
export async function reattachData(ctx: HuaweiOpsContext, signal?: AbortSignal): Promise<void> {
  await switchData(ctx, false, signal)
  await waitForDataSettled(ctx, 'down', signal)
  await switchData(ctx, true, signal)
  await waitForDataSettled(ctx, 'up', signal)
}
