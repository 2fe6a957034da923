// Assembles the command table a profile answers: the 27.007/27.005 set every modem has, the optional
// standard commands its firmware supports, its ICCID command(s) and its vendor dialect. Anything not in
// the table answers plain ERROR, like a real modem.
import type { CommandSpec, VendorHooks } from '../core/types'
import type { DeviceProfile } from '../profiles/devices'
import { BASIC_COMMANDS, SETTINGS_COMMANDS } from './basic'
import { HUAWEI_COMMANDS, HUAWEI_HOOKS } from './huawei'
import { iccidCommands, IDENTITY_COMMANDS } from './identity'
import { C5GREG_COMMAND, NETWORK_COMMANDS } from './network'
import { PDP_COMMANDS } from './pdp'
import { QUECTEL_COMMANDS, QUECTEL_HOOKS } from './quectel'
import { CPINR_COMMAND, SIM_COMMANDS } from './sim'
import { SMS_COMMANDS } from './sms'
import { USSD_COMMANDS } from './ussd'
import { ZTE_COMMANDS, ZTE_HOOKS } from './zte'

export { BASIC_COMMANDS }

const GENERIC_HOOKS: VendorHooks = {
  stormUrcs(m) {
    return [`+CEREG: ${m.statFor('CEREG')}`, `+CREG: ${m.statFor('CREG')}`, `+CGREG: ${m.statFor('CGREG')}`]
  }
}

export function buildCommandTable(profile: DeviceProfile): Map<string, CommandSpec> {
  const specs: CommandSpec[] = [
    ...SETTINGS_COMMANDS,
    ...IDENTITY_COMMANDS,
    ...iccidCommands(profile.iccidCommands),
    ...SIM_COMMANDS,
    ...NETWORK_COMMANDS,
    ...PDP_COMMANDS,
    ...USSD_COMMANDS,
    ...SMS_COMMANDS
  ]
  if (profile.cpinr) specs.push(CPINR_COMMAND)
  if (profile.c5greg) specs.push(C5GREG_COMMAND)
  if (profile.vendor === 'huawei') specs.push(...HUAWEI_COMMANDS)
  if (profile.vendor === 'zte') specs.push(...ZTE_COMMANDS)
  if (profile.vendor === 'quectel') specs.push(...QUECTEL_COMMANDS)
  return new Map(specs.map((s) => [s.name, s]))
}

export function vendorHooks(profile: DeviceProfile): VendorHooks {
  return { huawei: HUAWEI_HOOKS, zte: ZTE_HOOKS, quectel: QUECTEL_HOOKS, generic: GENERIC_HOOKS }[profile.vendor]
}
