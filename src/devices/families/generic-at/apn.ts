// ApnOperations over 27.007 PDP contexts (+CGDCONT, +CGAUTH, +CGACT; device-protocols.md §4.3). Profile ids
// are context ids. The switch itself (snapshot, apply, reattach, verify, restore) is switchApn()'s job in
// src/devices/apn-transaction.ts; this module only provides the primitives.
//
// The default profile is the one in the modem's data context (cid 1 unless the dialect says otherwise):
// USB modems bring up one context for data (Huawei ^NDISDUP / ZTE / Quectel data calls all use cid 1 by
// default), so "make profile N the default" means rewriting cid 1 with N's values. That would destroy the
// profile cid 1 held, so setDefault first keeps those values aside (`stash`): while another profile sits in
// the data context, profile "1" is listed with its own values (not default) and profile N as the default, and
// setDefault("1") — which is how the transaction restores — writes them back. The stash lives as long as this
// driver; after a restart the modem simply shows the values it holds.
//
// reattach throws when the network refuses a profile that has never carried data in this session (the new
// APN is wrong: the transaction should restore at once). For the modem's own profile, or one that worked
// before, a refusal is the line's state (no plan, no coverage), not a failed change: it is recorded for the
// reading ("failed" with the reason) and reattach resolves, so restoring to the old APN counts as restored.
import { ContractError } from '../../../contract/errors'
import { AtCommandError, parseCgdcont, type PdpContext } from '../../at'
import type { ApnOperations } from '../../driver'
import type { ApnDraft, ApnProfile } from '../../model'
import type { DataLink } from './data'
import { dataFailureError } from './errors'
import { parseCgauth, parseFirstRange, type ContextAuth } from './parse'
import type { AtSession } from './session'

type ContextType = 'IP' | 'IPV6' | 'IPV4V6'
type Auth = ApnDraft['auth']

export interface ContextValues {
  pdpType: ContextType
  apn: string
  auth: Auth
  username?: string
  password?: string
}

const TYPE_OF: Readonly<Record<ApnDraft['pdpType'], ContextType>> = { ipv4: 'IP', ipv6: 'IPV6', ipv4v6: 'IPV4V6' }
const PDP_OF: Readonly<Record<ContextType, ApnDraft['pdpType']>> = { IP: 'ipv4', IPV6: 'ipv6', IPV4V6: 'ipv4v6' }
const AUTH_CODE: Readonly<Record<Auth, number>> = { none: 0, pap: 1, chap: 2, 'pap-or-chap': 3 }
const AUTH_OF: Readonly<Record<number, Auth>> = { 0: 'none', 1: 'pap', 2: 'chap', 3: 'pap-or-chap' }

/** 23.003 §9.1: labels of letters, digits and hyphens separated by dots; underscores occur in the wild. */
const APN_TEXT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
/** Contexts the modem needs for other services: editing them breaks VoLTE / SMS over IMS (carriers.md §3.3). */
const SERVICE_APNS = new Set(['ims', 'sos'])

/** What the APN operations remember between calls (see the module comment). */
export class ApnState {
  /** The data context's own profile while another one is in it; `values` undefined = the context was undefined. */
  stash: { values?: ContextValues; name?: string } | undefined
  /** The profile whose values are in the data context while the stash is held. */
  selected: number | undefined
  /** Signatures of context values that carried data in this session. */
  readonly proven = new Set<string>()
  /** Names and credentials given by the user; the modem stores neither a name nor a readable password. */
  readonly names = new Map<number, string>()
  readonly secrets = new Map<number, { username?: string; password?: string }>()
}

export function signature(values: ContextValues): string {
  return JSON.stringify([values.pdpType, values.apn.toLowerCase(), values.auth, values.username ?? ''])
}

export interface ApnDeps {
  session: () => AtSession
  exclusive: <T>(body: () => Promise<T>) => Promise<T>
  state: ApnState
  data: DataLink
}

interface Snapshot {
  contexts: Map<number, PdpContext>
  auth: Map<number, ContextAuth>
}

export function createApnOperations(deps: ApnDeps): ApnOperations {
  const { state, data } = deps

  const snapshot = async (session: AtSession, signal?: AbortSignal): Promise<Snapshot> => {
    const reply = await session.command('AT+CGDCONT?', { signal })
    const parsed = parseCgdcont(reply.lines)
    if (!parsed.ok) throw new ContractError('PROTOCOL', `The modem's list of PDP contexts could not be read (${parsed.error.message}).`)
    const auth = await readAuth(session, signal)
    return { contexts: new Map(parsed.value.map((context) => [context.cid, context])), auth }
  }

  const valuesOf = (snap: Snapshot, cid: number): ContextValues | undefined => {
    const context = snap.contexts.get(cid)
    const pdpType = context ? contextType(context.pdpType) : undefined
    if (!context || !pdpType) return undefined
    const values: ContextValues = { pdpType, apn: context.apn, auth: 'none' }
    const auth = snap.auth.get(cid)
    if (auth && auth.protocol !== 0) values.auth = AUTH_OF[auth.protocol] ?? 'pap-or-chap'
    const secret = state.secrets.get(cid)
    const username = auth?.username ?? secret?.username
    if (username) values.username = username
    if (secret?.password !== undefined) values.password = secret.password
    return values
  }

  /** Our stash only describes the modem while the data context still holds the selected profile. */
  const checkStash = (session: AtSession, snap: Snapshot): void => {
    if (!state.stash || state.selected === undefined) return
    const inData = valuesOf(snap, session.dialect.dataCid)
    const selected = valuesOf(snap, state.selected)
    if (!inData || !selected || inData.pdpType !== selected.pdpType || inData.apn !== selected.apn) {
      state.stash = undefined
      state.selected = undefined
    }
  }

  const list = async (session: AtSession, signal?: AbortSignal): Promise<{ profiles: ApnProfile[]; snap: Snapshot }> => {
    const snap = await snapshot(session, signal)
    checkStash(session, snap)
    const dataCid = session.dialect.dataCid
    const defaultCid = state.stash && state.selected !== undefined ? state.selected : dataCid
    const profiles: ApnProfile[] = []
    for (const cid of [...snap.contexts.keys()].sort((a, b) => a - b)) {
      const values = cid === dataCid && state.stash ? state.stash.values : valuesOf(snap, cid)
      if (!values) continue // PPP / Non-IP contexts are not APN profiles; nor is a borrowed empty data context
      const name = (cid === dataCid && state.stash?.name) || state.names.get(cid) || values.apn || `Network default (context ${cid})`
      const profile: ApnProfile = { id: String(cid), name, apn: values.apn, auth: values.auth, pdpType: PDP_OF[values.pdpType], isDefault: cid === defaultCid }
      if (values.username) profile.username = values.username
      if (SERVICE_APNS.has(values.apn.toLowerCase())) profile.readOnly = true
      profiles.push(profile)
    }
    return { profiles, snap }
  }

  const write = async (session: AtSession, cid: number, values: ContextValues, previous: ContextValues | undefined, signal?: AbortSignal): Promise<void> => {
    const needsAuth = values.auth !== 'none' || values.username !== undefined
    if (needsAuth && !(await session.optional('AT+CGAUTH=?', { signal }))) {
      throw new ContractError('UNSUPPORTED', 'This modem has no AT+CGAUTH, so it cannot store an APN user name and password.', { cid })
    }
    try {
      await session.command(`AT+CGDCONT=${cid},"${values.pdpType}","${values.apn}"`, { signal })
    } catch (error) {
      throw inUse(error, cid)
    }
    if (needsAuth) {
      const credentials = values.username !== undefined || values.password !== undefined ? `,"${values.username ?? ''}","${values.password ?? ''}"` : ''
      await session.command(`AT+CGAUTH=${cid},${AUTH_CODE[values.auth]}${credentials}`, { signal })
    } else if (previous && previous.auth !== 'none') {
      await session.optional(`AT+CGAUTH=${cid},0`, { signal })
    }
  }

  const cidOf = (id: string, snap: Snapshot): number => {
    const cid = /^\d{1,2}$/.test(id) ? Number(id) : NaN
    if (!snap.contexts.has(cid)) throw new ContractError('NOT_FOUND', `The modem has no APN profile "${id}".`, { profileId: id })
    return cid
  }

  return {
    list: (signal) => deps.exclusive(async () => (await list(deps.session(), signal)).profiles),

    create: (draft, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const values = checkDraft(draft)
        const snap = await snapshot(session, signal)
        const range = await session.optional('AT+CGDCONT=?', { signal })
        const parsed = range ? parseFirstRange(range.lines, '+CGDCONT:') : undefined
        const max = parsed?.ok ? parsed.value.max : 16
        const min = parsed?.ok ? parsed.value.min : 1
        let cid: number | undefined
        for (let candidate = Math.max(1, min); candidate <= max; candidate++) {
          if (candidate !== session.dialect.dataCid && !snap.contexts.has(candidate)) {
            cid = candidate
            break
          }
        }
        if (cid === undefined) {
          throw new ContractError('BAD_INPUT', `The modem has no free context slot (${min}–${max} are all defined). Delete a profile you no longer need first.`)
        }
        try {
          await write(session, cid, values, undefined, signal)
        } catch (error) {
          await session.command(`AT+CGDCONT=${cid}`).catch(() => undefined)
          throw error
        }
        state.names.set(cid, draft.name)
        state.secrets.set(cid, secretOf(values))
        return String(cid)
      }),

    update: (id, draft, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const values = checkDraft(draft)
        const { profiles, snap } = await list(session, signal)
        const cid = cidOf(id, snap)
        const profile = profiles.find((candidate) => candidate.id === id)
        if (profile?.readOnly) throw readOnly(profile)
        const dataCid = session.dialect.dataCid
        if (cid === dataCid && state.stash) {
          // Profile 1 is waiting aside while another profile is in the data context: edit the kept values.
          state.stash = { values, name: draft.name }
          state.secrets.set(dataCid, secretOf(values))
          return
        }
        // The selected profile is mirrored in the data context: keep both equal (data context first, it is the
        // one the modem may refuse to change while it is in use).
        if (state.stash && state.selected === cid) await write(session, dataCid, values, valuesOf(snap, dataCid), signal)
        await write(session, cid, values, valuesOf(snap, cid), signal)
        state.names.set(cid, draft.name)
        state.secrets.set(cid, secretOf(values))
      }),

    remove: (id, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const { profiles, snap } = await list(session, signal)
        const cid = cidOf(id, snap)
        const profile = profiles.find((candidate) => candidate.id === id)
        if (profile?.readOnly) throw readOnly(profile)
        if (cid === session.dialect.dataCid) {
          throw new ContractError('BAD_INPUT', `Context ${cid} is the modem's data context and cannot be deleted; edit it instead.`, { profileId: id })
        }
        if (profile?.isDefault) {
          throw new ContractError('BAD_INPUT', `"${profile.name}" is the profile in use; make another profile the default before deleting it.`, { profileId: id })
        }
        await session.command(`AT+CGDCONT=${cid}`, { signal })
        state.names.delete(cid)
        state.secrets.delete(cid)
      }),

    setDefault: (id, signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const { snap } = await list(session, signal)
        const cid = cidOf(id, snap)
        const dataCid = session.dialect.dataCid
        if (cid === dataCid) {
          if (!state.stash) return
          // Put the data context's own profile back (this is also how a failed switch is restored).
          const kept = state.stash.values
          await data.deactivate(session, signal)
          if (kept) {
            await write(session, dataCid, kept, valuesOf(snap, dataCid), signal)
            state.secrets.set(dataCid, secretOf(kept))
          } else {
            await session.command(`AT+CGDCONT=${dataCid}`, { signal })
          }
          state.stash = undefined
          state.selected = undefined
          return
        }
        const target = valuesOf(snap, cid)
        if (!target) throw new ContractError('UNSUPPORTED', `Profile ${id} is not an IP context and cannot carry data.`, { profileId: id })
        if (target.auth !== 'none' && target.password === undefined) {
          throw new ContractError(
            'UNSUPPORTED',
            `The modem does not reveal the password of profile ${id}, so it cannot be copied into the data context. Edit the profile and enter its password again.`,
            { profileId: id }
          )
        }
        const created = !state.stash
        if (!state.stash) {
          const current = valuesOf(snap, dataCid)
          if (current && current.auth !== 'none' && current.password === undefined) {
            throw new ContractError(
              'UNSUPPORTED',
              `The modem's current profile (context ${dataCid}) has a password the modem does not reveal; switching would lose it. Edit profile ${dataCid} and enter its password first.`,
              { profileId: String(dataCid) }
            )
          }
          const name = state.names.get(dataCid)
          state.stash = current ? { values: current } : {}
          if (name !== undefined) state.stash.name = name
        }
        try {
          await data.deactivate(session, signal)
          await write(session, dataCid, target, valuesOf(snap, dataCid), signal)
        } catch (error) {
          if (created) state.stash = undefined
          throw error
        }
        state.selected = cid
        state.secrets.set(dataCid, secretOf(target))
      }),

    reattach: (signal) =>
      deps.exclusive(async () => {
        const session = deps.session()
        const snap = await snapshot(session, signal)
        const current = valuesOf(snap, session.dialect.dataCid)
        const knownGood = !state.stash || (current !== undefined && state.proven.has(signature(current)))
        if ((await data.deactivate(session, signal)) === 'needs-detach') await data.reattachPacketDomain(session, signal)
        const failure = await data.activate(session, signal)
        if (!failure) {
          if (current) state.proven.add(signature(current))
          return
        }
        if (!knownGood) throw dataFailureError(failure, { cid: session.dialect.dataCid, apn: current?.apn })
      })
  }
}

async function readAuth(session: AtSession, signal?: AbortSignal): Promise<Map<number, ContextAuth>> {
  try {
    const reply = await session.optional('AT+CGAUTH?', { signal })
    if (!reply) return new Map()
    const parsed = parseCgauth(reply.lines)
    return parsed.ok ? parsed.value : new Map()
  } catch (error) {
    if (error instanceof AtCommandError) return new Map()
    throw error
  }
}

function contextType(type: string): ContextType | undefined {
  const upper = type.toUpperCase()
  if (upper === 'IP' || upper === 'IPV4') return 'IP'
  if (upper === 'IPV6') return 'IPV6'
  if (upper === 'IPV4V6') return 'IPV4V6'
  return undefined
}

/** Validates what will go inside a quoted AT argument. */
function checkDraft(draft: ApnDraft): ContextValues {
  const apn = draft.apn.trim()
  if (apn !== '' && !APN_TEXT.test(apn)) {
    throw new ContractError('BAD_INPUT', `"${draft.apn}" is not an APN: use letters, digits, dots and hyphens (for example fast.t-mobile.com).`, { path: 'apn' })
  }
  for (const [field, value] of [['username', draft.username], ['password', draft.password]] as const) {
    // eslint-disable-next-line no-control-regex -- a quote or control character would end the AT argument
    if (value !== undefined && /["\x00-\x1f]/.test(value)) {
      throw new ContractError('BAD_INPUT', `The APN ${field} cannot contain double quotes or control characters.`, { path: field })
    }
  }
  const values: ContextValues = { pdpType: TYPE_OF[draft.pdpType ?? 'ipv4v6'], apn, auth: draft.auth ?? 'none' }
  if (draft.username) values.username = draft.username
  if (draft.password) values.password = draft.password
  if (values.auth === 'none' && (values.username || values.password)) values.auth = 'pap-or-chap'
  return values
}

function secretOf(values: ContextValues): { username?: string; password?: string } {
  const secret: { username?: string; password?: string } = {}
  if (values.username !== undefined) secret.username = values.username
  if (values.password !== undefined) secret.password = values.password
  return secret
}

function readOnly(profile: ApnProfile): ContractError {
  return new ContractError('UNSUPPORTED', `"${profile.name}" is the modem's ${profile.apn.toUpperCase()} context for calls and messages; changing it would break them.`, {
    profileId: profile.id
  })
}

function inUse(error: unknown, cid: number): unknown {
  if (error instanceof AtCommandError && error.kind === 'cme' && error.atCode === 3) {
    return new ContractError('BAD_INPUT', `Context ${cid} is in use, and the modem does not change a context while data runs through it. Switch mobile data off (or switch to another profile) first.`, {
      cid,
      finalLine: error.finalLine
    })
  }
  return error
}
