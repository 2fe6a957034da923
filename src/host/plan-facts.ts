// Plan facts read from USSD replies the user asked for: each reply that passes through ussd.send / ussd.respond
// is parsed with the identified pack's parser for the code that started the session, and the latest facts are
// kept per SIM in memory. Only observes; never sends USSD itself (a code can cost money or change a plan), and
// an unparsed reply changes nothing.
import { parseUssdReply, type DataAmount, type MoneyAmount, type ReplyDate } from '../carriers'
import type { CarrierPlan } from '../contract/carrier'
import type { DeviceStatus, DeviceSummary } from '../contract/model'
import type { CarrierService } from './carrier-service'
import { lineIdentity } from './carrier-service'
import { isForBrand } from './carrier-view'

export interface PlanFacts {
  /** The code whose reply these came from (#932#). */
  code: string
  /** Epoch ms the reply was read. */
  readAt: number
  balance?: MoneyAmount
  dataLeft?: DataAmount
  expiry?: ReplyDate
  renewal?: ReplyDate
}

export interface PlanFactsDeps {
  carriers: Pick<CarrierService, 'resolveCarrier'>
  status: (deviceId: string) => Promise<DeviceStatus>
  device: (deviceId: string) => Pick<DeviceSummary, 'id' | 'name'> | undefined
  /** A plan or pass end date (YYYY-MM-DD) learned for a device: the notifications' planExpiring rule. */
  planEnd: (device: Pick<DeviceSummary, 'id' | 'name'>, isoDate: string) => void
  now?: () => number
  log?: (line: string) => void
}

export class PlanFactsTracker {
  private readonly bySim = new Map<string, PlanFacts>()
  /** The code that opened each device's session, so menu answers (ussd.respond) are parsed by its parser. */
  private readonly sessionCode = new Map<string, string>()
  private readonly now: () => number

  constructor(private readonly deps: PlanFactsDeps) {
    this.now = deps.now ?? Date.now
  }

  /** A code the user sent (ussd.send); undefined code = an answer within the open session (ussd.respond). */
  async observe(deviceId: string, sent: string | undefined, reply: { text: string; sessionOpen: boolean }): Promise<void> {
    if (sent !== undefined) this.sessionCode.set(deviceId, sent)
    const code = this.sessionCode.get(deviceId)
    if (!reply.sessionOpen) this.sessionCode.delete(deviceId)
    if (code === undefined) return
    const status = await this.deps.status(deviceId)
    // The same identification (and the user's pick of brand is not known here) as carrier.plan.
    const context = await this.deps.carriers.resolveCarrier(status).catch(() => undefined)
    if (!context) return
    const brandId = context.brand.id
    const entry = context.pack.ussd.find(
      (item) => item.channel === 'ussd' && item.code === code && isForBrand(item, brandId)
    )
    if (!entry?.reply) return
    const parsed = parseUssdReply(reply.text, entry.reply)
    if (!parsed.ok) return
    const { balance, dataLeft, expiry, renewal } = parsed.value
    if (!balance && !dataLeft && !expiry?.iso && !renewal?.iso) return
    const facts: PlanFacts = {
      code,
      readAt: this.now(),
      ...(balance ? { balance } : {}),
      ...(dataLeft ? { dataLeft } : {}),
      ...(expiry ? { expiry } : {}),
      ...(renewal ? { renewal } : {})
    }
    this.bySim.set(lineIdentity(status), facts)
    const end = expiry?.iso ?? renewal?.iso
    const device = this.deps.device(deviceId)
    if (end && device) this.deps.planEnd(device, end)
  }

  /** The latest facts for the SIM now in this device, if any were read. */
  latest(status: DeviceStatus): PlanFacts | undefined {
    return this.bySim.get(lineIdentity(status))
  }
}

/** carrier.plan's lastReading: the carrier's own wording for amounts, the parsed date beside its text. */
export function lastReadingView(facts: PlanFacts): NonNullable<CarrierPlan['lastReading']> {
  return {
    code: facts.code,
    readAt: new Date(facts.readAt).toISOString(),
    ...(facts.balance ? { balance: facts.balance.text } : {}),
    ...(facts.dataLeft ? { dataLeft: facts.dataLeft.text } : {}),
    ...(facts.expiry ? { expiry: facts.expiry } : {}),
    ...(facts.renewal ? { renewal: facts.renewal } : {})
  }
}
