// The AT console and the line-status check over the contract. The console goes through the device's
// own command queue; risky lines need the user's explicit confirmation (checked here, not only in the UI).
import { ContractError } from '../contract/errors'
import type { LineVerdict } from '../contract/model'
import { gardenProbes } from '../carriers/garden'
import { checkConnectivity, deviceFactsFromStatus, PUBLIC_PROBES, RECOMMENDED_PUBLIC_PROBE_IDS, type GardenHost, type ProbeSpec } from '../connectivity'
import type { DeviceStatus } from '../contract/model'
import type { CaptiveFinding } from './portal-service'
import { checkConsoleCommand } from '../devices/at/console-safety'
import type { HandlerTable } from './contract-server'
import type { DeviceManager } from './device-manager'

export interface ConsoleHandlerOptions {
  manager: DeviceManager
  /** Only the desktop app may probe the public internet through a hotspot; serve mode and tests never do. */
  allowPublicProbes: boolean
  /** The carrier packs' walled-garden hosts, and where a found captive page is remembered for portal.openCaptive. */
  garden?: {
    hosts(status: DeviceStatus): Promise<{ own: GardenHost[]; all: GardenHost[] }>
    remember(deviceId: string, finding: CaptiveFinding | undefined): void
  }
}

type ConsoleHandlers = Pick<HandlerTable, 'at.send' | 'at.transcript' | 'connectivity.check'>

export function createConsoleHandlers({ manager, allowPublicProbes, garden }: ConsoleHandlerOptions): ConsoleHandlers {
  return {
    'at.send': async ({ deviceId, command, confirmed }) => {
      const check = checkConsoleCommand(command)
      if (!check.ok) throw new ContractError('BAD_INPUT', check.message, { path: 'params.command' })
      if (check.risk === 'confirm' && !confirmed) {
        throw new ContractError('BAD_INPUT', `This command ${check.reasons.join('; ')}. Confirm to send it.`, {
          path: 'params.confirmed',
          needsConfirmation: true,
          reasons: check.reasons
        })
      }
      const console = (await manager.get(deviceId).driverFor('atConsole')).atConsole
      if (!console) throw new ContractError('UNSUPPORTED', 'This device has no AT console.')
      return console.send(command.trim())
    },
    'at.transcript': async ({ deviceId }) => {
      const console = (await manager.get(deviceId).driverFor('atConsole')).atConsole
      if (!console) throw new ContractError('UNSUPPORTED', 'This device has no AT console.')
      return { lines: console.transcript() }
    },
    'connectivity.check': async ({ deviceId, probes }) => {
      if (probes === 'public' && !allowPublicProbes) {
        throw new ContractError('UNSUPPORTED', 'Internet probes run only in the desktop app; this check used the device report alone.')
      }
      const status = await manager.status(deviceId)
      const specs: ProbeSpec[] = probes === 'public' ? RECOMMENDED_PUBLIC_PROBE_IDS.flatMap((id) => (PUBLIC_PROBES[id] ? [PUBLIC_PROBES[id]] : [])) : []
      const gardenHosts = garden ? await garden.hosts(status) : undefined
      // With public probes, also ask the SIM's carrier's own purchase pages: answering alone means "no plan".
      if (probes === 'public' && gardenHosts) specs.push(...gardenProbes(gardenHosts.own))
      const report = await checkConnectivity({
        probes: specs,
        probeOptions: { maxProbes: Math.max(4, specs.length) },
        device: deviceFactsFromStatus(status),
        ...(gardenHosts ? { gardenHosts: gardenHosts.all } : {})
      })
      const found = report.verdict.portal
      garden?.remember(deviceId, found ? { url: found.url, ...(found.carrier ? { carrier: found.carrier } : {}) } : undefined)
      const verdict: LineVerdict = {
        kind: report.verdict.kind,
        remedy: report.verdict.remedy,
        confidence: report.verdict.confidence,
        reason: report.verdict.reason,
        evidence: report.verdict.evidence.map(({ key, text }) => ({ key, text })),
        probes: report.probes.map(({ probeId, kind, elapsedMs }) => ({ probeId, kind, elapsedMs })),
        checkedAt: report.checkedAt
      }
      if (report.verdict.portal) verdict.portalUrl = report.verdict.portal.url
      return verdict
    }
  }
}
