// The checks every family's deviceSettings.set() makes before a request leaves (a half-applied profile is
// worse than none): only known preference names, only ones this unit supports, and the value rules that do
// not depend on the firmware. Families add their own encodings (limit units, language codes) on top.
import { ContractError } from '../contract/errors'
import type { DevicePreferenceName, DevicePreferences } from './driver'

const LABELS: Readonly<Record<DevicePreferenceName, string>> = {
  dataPlan: 'data plan',
  language: 'web page language',
  autoUpdate: 'firmware auto-update'
}

/** Throws BAD_INPUT for an unknown name and UNSUPPORTED for a preference this unit does not have. */
export function checkPreferenceNames(
  preferences: DevicePreferences,
  supports: ReadonlySet<DevicePreferenceName>,
  whereElse = "the device's web page"
): void {
  for (const name of Object.keys(preferences)) {
    if (name !== 'dataPlan' && name !== 'language' && name !== 'autoUpdate') {
      throw new ContractError('BAD_INPUT', `"${name}" is not a device setting; use dataPlan, language or autoUpdate.`, { path: name })
    }
    if (preferences[name] !== undefined && !supports.has(name)) {
      throw new ContractError('UNSUPPORTED', `This device has no ${LABELS[name]} setting that Hotspot Desk can change; set it in ${whereElse}.`, { path: name })
    }
  }
}

export function checkStartDay(startDay: number): void {
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 31) {
    throw new ContractError('BAD_INPUT', 'The data plan start day is a day of the month, 1 to 31.', { path: 'dataPlan.startDay' })
  }
}

export function checkAutoUpdate(autoUpdate: unknown): boolean {
  if (typeof autoUpdate !== 'boolean') throw new ContractError('BAD_INPUT', 'Firmware auto-update is on (true) or off (false).', { path: 'autoUpdate' })
  return autoUpdate
}
