// Rentals: check-out snapshots a unit (month usage counter, ICCID, time) and marks it rented; check-in
// runs the return routine on the attached unit and keeps a record. Each check is announced as a
// 'returns.progress' event when it ends, so the UI shows the routine moving. A check that cannot run
// on this device is 'skipped' with the reason; the record's result is 'attention' when any check
// failed or warned, and the unit then waits as 'returned' for a person instead of going back in stock.
import { randomUUID } from 'node:crypto'
import { ContractError } from '../contract/errors'
import type { PayloadOf } from '../contract/events'
import type { ValidParamsOf } from '../contract/methods'
import type { DeviceStatus, Usage } from '../contract/model'
import type { InventoryUnit, ReturnRecord } from '../contract/shop'
import type { InventoryStore } from '../store/inventory-store'
import type { DeviceManager } from './device-manager'
import type { DeviceOperations } from './device-operations'
import type { InventoryService } from './inventory-service'
import type { UnitProvisioner } from './station-contracts'

type ReturnCheck = ReturnRecord['checks'][number]

/** Below this the unit goes back on the shelf only after charging. */
export const LOW_BATTERY_PERCENT = 20

export interface ReturnsServiceOptions {
  store: InventoryStore
  inventory: InventoryService
  manager: DeviceManager
  operations: DeviceOperations
  /** The station core, when this host has one (it may be built after us). */
  provisioner: () => UnitProvisioner | undefined
  publish: (progress: PayloadOf<'returns.progress'>) => void
  now?: () => number
}

/** Up + down this billing month, as the device counts it. */
export function monthTotal(usage: Usage): number | undefined {
  if (usage.monthTotalBytes !== undefined) return usage.monthTotalBytes
  if (usage.monthUploadBytes !== undefined && usage.monthDownloadBytes !== undefined) return usage.monthUploadBytes + usage.monthDownloadBytes
  return undefined
}

/**
 * Bytes used between two readings of the month counter. A smaller second reading means the counter
 * started again in between (new billing month, or someone reset it): then the second reading is what
 * was used since that reset, a lower bound of the rental's usage.
 */
export function usageBetween(atCheckout: number, atCheckin: number): { bytes: number; counterReset: boolean } {
  return atCheckin >= atCheckout ? { bytes: atCheckin - atCheckout, counterReset: false } : { bytes: atCheckin, counterReset: true }
}

export class ReturnsService {
  private readonly running = new Set<string>()
  private readonly now: () => number

  constructor(private readonly options: ReturnsServiceOptions) {
    this.now = options.now ?? Date.now
  }

  async checkOut(deviceId: string, note?: string): Promise<InventoryUnit> {
    const status = await this.options.manager.status(deviceId)
    const unitKey = this.options.inventory.recordSeen(status)
    const total = monthTotal(status.usage)
    this.options.store.openCheckout({
      checkoutId: randomUUID(),
      unitKey,
      checkedOutAt: this.now(),
      ...(status.sim.iccid ? { iccid: status.sim.iccid } : {}),
      ...(total !== undefined ? { monthTotalBytes: Math.round(total) } : {}),
      ...(note !== undefined ? { note } : {})
    })
    return this.options.inventory.setStatus(unitKey, 'rented', note)
  }

  async checkIn(params: ValidParamsOf<'returns.checkIn'>): Promise<ReturnRecord> {
    const { deviceId } = params
    if (this.running.has(deviceId)) throw new ContractError('BUSY', 'A check-in is already running on this unit; wait for it to finish.', { deviceId })
    this.running.add(deviceId)
    try {
      return await this.runCheckIn(params)
    } finally {
      this.running.delete(deviceId)
    }
  }

  list(unitKey?: string): ReturnRecord[] {
    return this.options.store.returns(unitKey)
  }

  private async runCheckIn(params: ValidParamsOf<'returns.checkIn'>): Promise<ReturnRecord> {
    const { deviceId } = params
    const { manager, store, inventory } = this.options
    // A fresh reading: the counters and the SIM must be the unit's now, not from the last poll.
    await manager.get(deviceId).pollOnce()
    const status = await manager.status(deviceId)
    const unitKey = inventory.recordSeen(status)
    const unit = inventory.get(unitKey)
    const checkout = store.openCheckoutOf(unitKey)
    const checks: ReturnCheck[] = []
    const record: Omit<ReturnRecord, 'checks' | 'result'> = { recordId: randomUUID(), unitKey, checkedInAt: this.now() }
    const emit = (check: ReturnCheck): void => {
      checks.push(check)
      this.options.publish({ deviceId, check })
    }

    // 1. Usage since check-out (before any counter reset below).
    const total = monthTotal(status.usage)
    if (!checkout) emit({ name: 'usage', status: 'skipped', detail: 'No check-out was recorded for this unit.' })
    else if (checkout.monthTotalBytes === undefined || total === undefined) {
      emit({ name: 'usage', status: 'skipped', detail: 'This device does not report a month usage counter.' })
    } else {
      const { bytes, counterReset } = usageBetween(checkout.monthTotalBytes, total)
      record.usageSinceCheckoutBytes = bytes
      emit({
        name: 'usage',
        status: 'ok',
        detail: counterReset
          ? `At least ${formatBytes(bytes)}: the device's month counter started again during the rental.`
          : `${formatBytes(bytes)} since check-out.`
      })
    }

    // 2. SIM swapped: the ICCID differs from the one at check-out.
    if (!checkout?.iccid) emit({ name: 'sim', status: 'skipped', detail: checkout ? 'No SIM was read at check-out.' : 'No check-out was recorded for this unit.' })
    else if (!status.sim.iccid) {
      record.simSwapped = true
      emit({ name: 'sim', status: 'failed', detail: `No SIM can be read now (state: ${status.sim.state}); it was ${checkout.iccid} at check-out.` })
    } else {
      record.simSwapped = status.sim.iccid !== checkout.iccid
      emit(
        record.simSwapped
          ? { name: 'sim', status: 'failed', detail: `The SIM was swapped: ICCID ${status.sim.iccid}, was ${checkout.iccid} at check-out.` }
          : { name: 'sim', status: 'ok', detail: 'Same SIM as at check-out.' }
      )
    }

    // 3. Wipe the customer's messages.
    if (!params.wipeSms) emit({ name: 'sms-wipe', status: 'skipped', detail: 'Not asked.' })
    else emit(await this.wipeSms(deviceId, (count) => (record.smsWiped = count)))

    // 4. Reset the usage counters.
    if (!params.resetCounters) emit({ name: 'reset-counters', status: 'skipped', detail: 'Not asked.' })
    else emit(await this.resetCounters(deviceId))

    // 5. Re-apply the profile.
    emit(await this.reapply(deviceId, params, unit))

    // 6. Battery and health, from a reading after the steps above.
    const after = await this.readAgain(deviceId, status)
    const percent = after.battery?.percent
    if (percent === undefined) emit({ name: 'battery', status: 'skipped', detail: 'This device does not report a battery.' })
    else {
      record.batteryPercent = percent
      emit(
        percent < LOW_BATTERY_PERCENT
          ? { name: 'battery', status: 'warning', detail: `${percent} %: charge it before the next rental.` }
          : { name: 'battery', status: 'ok', detail: `${percent} %${after.battery?.charging ? ' (charging)' : ''}.` }
      )
    }
    emit(healthCheck(after))

    const result = checks.some((check) => check.status === 'failed' || check.status === 'warning') ? 'attention' : 'ok'
    const full: ReturnRecord = { ...record, checks, result }
    store.saveReturn(full, checkout?.checkoutId)
    inventory.setStatus(unitKey, result === 'ok' ? 'in-stock' : 'returned')
    return full
  }

  private async wipeSms(deviceId: string, count: (wiped: number) => void): Promise<ReturnCheck> {
    try {
      const sms = await this.options.operations.sms(deviceId)
      const messages = await sms.list()
      let wiped = 0
      for (const message of messages) {
        await sms.remove(message.id)
        wiped++
      }
      count(wiped)
      return { name: 'sms-wipe', status: 'ok', detail: wiped === 0 ? 'No messages on the unit.' : `${wiped} message${wiped === 1 ? '' : 's'} deleted.` }
    } catch (error) {
      return failedOrSkipped('sms-wipe', error, 'Could not delete the messages')
    }
  }

  private async resetCounters(deviceId: string): Promise<ReturnCheck> {
    const device = this.options.manager.get(deviceId)
    if (!device.summary().capabilities.includes('usageReset')) {
      return { name: 'reset-counters', status: 'skipped', detail: 'This device cannot reset its usage counters from here.' }
    }
    try {
      await this.options.operations.control({ deviceId, action: 'resetUsage' })
      return { name: 'reset-counters', status: 'ok', detail: 'Usage counters reset.' }
    } catch (error) {
      return failedOrSkipped('reset-counters', error, 'Could not reset the counters')
    }
  }

  private async reapply(deviceId: string, params: ValidParamsOf<'returns.checkIn'>, unit: InventoryUnit): Promise<ReturnCheck> {
    if (!params.reapplyProfile) return { name: 'reapply-profile', status: 'skipped', detail: 'Not asked.' }
    const profileId = params.profileId ?? unit.lastProfileId
    if (!profileId) return { name: 'reapply-profile', status: 'skipped', detail: 'No profile was ever applied to this unit; choose one to re-apply.' }
    const provisioner = this.options.provisioner()
    if (!provisioner) return { name: 'reapply-profile', status: 'skipped', detail: 'Provisioning is not available in this host.' }
    try {
      const result = await provisioner.provisionOne(deviceId, profileId)
      if (result.outcome === 'done') return { name: 'reapply-profile', status: 'ok', detail: `Profile "${profileId}" applied and verified.` }
      const why = result.error?.message ?? result.steps.find((step) => step.status === 'failed')?.detail ?? result.outcome
      return { name: 'reapply-profile', status: 'failed', detail: `Profile "${profileId}" was not applied: ${why}` }
    } catch (error) {
      return { name: 'reapply-profile', status: 'failed', detail: `Profile "${profileId}" was not applied: ${messageOf(error)}` }
    }
  }

  private async readAgain(deviceId: string, before: DeviceStatus): Promise<DeviceStatus> {
    try {
      await this.options.manager.get(deviceId).pollOnce()
      return await this.options.manager.status(deviceId)
    } catch {
      return before
    }
  }
}

function healthCheck(status: DeviceStatus): ReturnCheck {
  const problems: string[] = []
  if (status.sim.state !== 'ready') problems.push(`SIM ${status.sim.state}`)
  if (status.registration.state === 'denied' || status.registration.state === 'not-registered') problems.push(`network ${status.registration.state}`)
  if (status.battery?.low) problems.push('battery reports low')
  if (problems.length > 0) return { name: 'health', status: 'warning', detail: `Check the unit: ${problems.join(', ')}.` }
  const network = status.registration.operatorName ?? status.registration.state
  return { name: 'health', status: 'ok', detail: `SIM ready, network ${network}, signal ${status.signal.bars}/5.` }
}

function failedOrSkipped(name: ReturnCheck['name'], error: unknown, what: string): ReturnCheck {
  if (error instanceof ContractError && error.code === 'UNSUPPORTED') return { name, status: 'skipped', detail: error.message }
  return { name, status: 'failed', detail: `${what}: ${messageOf(error)}` }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}
