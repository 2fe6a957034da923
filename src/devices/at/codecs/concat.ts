// Joins the parts of concatenated SMS (23.040 §9.2.3.24.1 / .8) into whole messages. Parts belong together
// when sender, reference, reference width and part count agree; a message is complete when every sequence
// number 1…total is present. Incomplete ones are reported with the missing sequence numbers, so the UI can
// say "part 2 of 3 has not arrived yet" instead of showing a fragment as a message.
import type { DecodedSms } from './sms-pdu'

export interface AssembledSms<T extends DecodedSms = DecodedSms> {
  /** Originator (received) or destination (stored outgoing). */
  sender: string
  text: string
  /** The parts in sequence order (one for a plain message). */
  parts: T[]
  reference?: number
  total: number
}

export interface IncompleteSms<T extends DecodedSms = DecodedSms> {
  sender: string
  reference: number
  total: number
  /** Sequence numbers we have, ascending. */
  received: number[]
  /** Sequence numbers still missing, ascending. */
  missing: number[]
  parts: T[]
}

export interface AssemblyResult<T extends DecodedSms = DecodedSms> {
  messages: AssembledSms<T>[]
  incomplete: IncompleteSms<T>[]
  /** Parts that repeated a sequence number already seen (the first copy is used). */
  duplicates: T[]
}

function partyOf(sms: DecodedSms): string {
  return sms.type === 'deliver' ? sms.originator.number : sms.destination.number
}

/** Group parts; order of the output follows the first appearance of each message. */
export function assembleConcatenated<T extends DecodedSms>(items: readonly T[]): AssemblyResult<T> {
  type Group = { sender: string; reference: number; total: number; parts: Map<number, T> }
  const order: Array<{ single: T } | { group: Group }> = []
  const groups = new Map<string, Group>()
  const duplicates: T[] = []

  for (const sms of items) {
    const concat = sms.concat
    if (!concat) {
      order.push({ single: sms })
      continue
    }
    const sender = partyOf(sms)
    const key = JSON.stringify([sender, concat.referenceBits, concat.reference, concat.total])
    let group = groups.get(key)
    if (!group) {
      group = { sender, reference: concat.reference, total: concat.total, parts: new Map() }
      groups.set(key, group)
      order.push({ group })
    }
    if (group.parts.has(concat.sequence)) duplicates.push(sms)
    else group.parts.set(concat.sequence, sms)
  }

  const result: AssemblyResult<T> = { messages: [], incomplete: [], duplicates }
  for (const entry of order) {
    if ('single' in entry) {
      result.messages.push({ sender: partyOf(entry.single), text: entry.single.text ?? '', parts: [entry.single], total: 1 })
      continue
    }
    const { group } = entry
    const received = [...group.parts.keys()].sort((a, b) => a - b)
    const parts = received.map((sequence) => group.parts.get(sequence) as T)
    const missing: number[] = []
    for (let sequence = 1; sequence <= group.total; sequence++) if (!group.parts.has(sequence)) missing.push(sequence)
    if (missing.length === 0) {
      result.messages.push({
        sender: group.sender,
        text: parts.map((part) => part.text ?? '').join(''),
        parts,
        reference: group.reference,
        total: group.total
      })
    } else {
      result.incomplete.push({ sender: group.sender, reference: group.reference, total: group.total, received, missing, parts })
    }
  }
  return result
}
