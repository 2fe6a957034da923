// The cheap "is this an AT modem, and whose?" probe for a serial port. Gentle: one AT with a short timeout
// (a diagnostic, GPS or data port stays silent and is left alone), then ATI and +CGMI / +CGMM to pick the
// dialect. No ATE0, no +CMEE: nothing on the modem changes. The port is released at once.
// A port we may not open (permission, another program holds it) is an error the user can act on, so it is
// thrown; anything else that goes wrong means "not a modem we can drive": null.
import { ContractError } from '../../../contract/errors'
import { AtEngine, parseManufacturer, parseModel } from '../../at'
import type { Fingerprint } from '../../driver'
import type { Connection } from '../../model'
import { SerialLineChannel, type LineChannel } from '../../transports/serial-line-channel'
import { selectDialect, type DialectId, type DialectIdentity } from './dialects'
import { portOwner } from './ports'

export const GENERIC_AT_FAMILY_ID = 'generic-at'

export interface GenericAtFingerprint extends Fingerprint {
  dialect: DialectId
  manufacturer?: string
}

export interface FingerprintOptions {
  channelFactory?: (path: string) => LineChannel
  /** How long the port may take to answer AT; default 1000 ms. */
  timeoutMs?: number
}

export async function fingerprintGenericAt(connection: Connection, signal?: AbortSignal, options: FingerprintOptions = {}): Promise<GenericAtFingerprint | null> {
  if (connection.kind !== 'serial') return null
  // A port a driver of ours holds is ours; never open it a second time.
  const owner = portOwner(connection.path)
  if (owner) {
    const owned = owner.describe() ?? {}
    const fingerprint = describe({ manufacturer: owned.manufacturer ?? '', model: owned.model ?? '' })
    if (isDialectId(owned.dialect)) fingerprint.dialect = owned.dialect
    return fingerprint
  }

  const timeoutMs = options.timeoutMs ?? 1_000
  const channel = options.channelFactory?.(connection.path) ?? new SerialLineChannel({ path: connection.path })
  const engine = new AtEngine(channel, { initCommands: ['AT'], defaultTimeoutMs: timeoutMs, syncTimeoutMs: timeoutMs, syncQuietMs: 100 })
  try {
    if (signal?.aborted) throw new ContractError('CANCELLED', 'Cancelled.')
    await engine.open()
    const ati = await engine.command('ATI', { expect: 'any', signal }).then(
      (reply) => reply.lines,
      () => []
    )
    const manufacturer = await engine.command('AT+CGMI', { signal }).then(
      (reply) => parseManufacturer(reply.lines),
      () => undefined
    )
    const model = await engine.command('AT+CGMM', { signal }).then(
      (reply) => parseModel(reply.lines),
      () => undefined
    )
    const fromAti = identityFromAti(ati)
    return describe({
      manufacturer: manufacturer?.ok ? manufacturer.value : fromAti.manufacturer,
      model: model?.ok ? model.value : fromAti.model
    })
  } catch (error) {
    if (signal?.aborted) throw new ContractError('CANCELLED', 'Cancelled.')
    if (error instanceof ContractError && (error.code === 'PERMISSION' || error.code === 'BUSY')) throw error
    return null
  } finally {
    await engine.close()
  }
}

function isDialectId(value: string | undefined): value is DialectId {
  return value === 'huawei' || value === 'zte' || value === 'quectel' || value === '3gpp'
}

function describe(identity: DialectIdentity): GenericAtFingerprint {
  const fingerprint: GenericAtFingerprint = { family: GENERIC_AT_FAMILY_ID, dialect: selectDialect(identity).id }
  if (identity.manufacturer) fingerprint.manufacturer = identity.manufacturer
  const model = [identity.manufacturer, identity.model].filter((part) => part.length > 0).join(' ')
  if (model) fingerprint.model = model
  return fingerprint
}

/**
 * ATI is free text: "Manufacturer: huawei / Model: E3372 / Revision: …" (Huawei, ZTE) or bare lines
 * "Quectel / EC25 / Revision: …" (device-protocols.md §4.3: "ATI = summary").
 */
export function identityFromAti(lines: readonly string[]): DialectIdentity {
  const labelled = (label: string): string | undefined =>
    lines.map((line) => new RegExp(`^${label}\\s*:\\s*(.+)$`, 'i').exec(line.trim())?.[1]?.trim()).find((value) => value !== undefined)
  const bare = lines.map((line) => line.trim()).filter((line) => line.length > 0 && !/^[A-Za-z +]+:/.test(line) && !/^\+/.test(line))
  return { manufacturer: labelled('Manufacturer') ?? bare[0] ?? '', model: labelled('Model') ?? bare[1] ?? '' }
}
