// Golden profiles of the rental-shop station: the saved list (profile.list, with the files the host could
// not read), the live check of a draft (profile.validate, issues by path), save, remove, and reading a
// profile from a JSON file the user picked. The host keeps the profiles; this store mirrors them.
import type { ContractErrorData } from '@contract/errors'
import type { ProfileEntry, ProfileIssue, GoldenProfile } from '@contract/shop'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import { toErrorData, type LoadStatus } from './status'

export type ActionStatus = 'idle' | 'busy' | 'done' | 'error'

export interface ProfileCheck {
  status: LoadStatus
  ok: boolean
  issues: ProfileIssue[]
  error: ContractErrorData | null
}

/** A file that was not JSON at all: said in words, with no request to the host. */
export class ProfileFileError extends Error {}

export const useStationProfilesStore = defineStore('stationProfiles', () => {
  const client = useApiClient()
  const status = ref<LoadStatus>('idle')
  const error = ref<ContractErrorData | null>(null)
  const profiles = ref<ProfileEntry[]>([])
  /** Profile files in the host's folder that it could not read, with why. */
  const problems = ref<Array<{ file: string; issues: ProfileIssue[] }>>([])
  const check = ref<ProfileCheck>({ status: 'idle', ok: false, issues: [], error: null })
  const saveStatus = ref<ActionStatus>('idle')
  const saveError = ref<ContractErrorData | null>(null)
  const removeStatus = ref<ActionStatus>('idle')
  const removeError = ref<ContractErrorData | null>(null)
  let loadSeq = 0
  let checkSeq = 0

  async function load(): Promise<void> {
    const seq = ++loadSeq
    status.value = 'loading'
    try {
      const result = await client.request('profile.list', {})
      if (seq !== loadSeq) return
      profiles.value = [...result.profiles].sort((a, b) => a.profile.name.localeCompare(b.profile.name))
      problems.value = result.problems
      error.value = null
      status.value = 'ready'
    } catch (caught) {
      if (seq !== loadSeq) return
      error.value = toErrorData(caught)
      status.value = 'error'
    }
  }

  /** Asks the host what is wrong with a draft. Only the newest answer counts (the form checks as you type). */
  async function validate(draft: unknown): Promise<ProfileCheck> {
    const seq = ++checkSeq
    check.value = { ...check.value, status: 'loading' }
    try {
      const result = await client.request('profile.validate', { profile: draft })
      const next: ProfileCheck = { status: 'ready', ok: result.ok, issues: result.issues, error: null }
      if (seq === checkSeq) check.value = next
      return next
    } catch (caught) {
      const next: ProfileCheck = { status: 'error', ok: false, issues: [], error: toErrorData(caught) }
      if (seq === checkSeq) check.value = next
      return next
    }
  }

  function clearCheck(): void {
    checkSeq++
    check.value = { status: 'idle', ok: false, issues: [], error: null }
  }

  /** Checks, then saves; the saved entry replaces the one with its id. False when it was not saved. */
  async function save(draft: unknown): Promise<ProfileEntry | null> {
    saveStatus.value = 'busy'
    saveError.value = null
    const checked = await validate(draft)
    if (!checked.ok) {
      saveStatus.value = checked.error ? 'error' : 'idle'
      saveError.value = checked.error
      return null
    }
    try {
      const entry = await client.request('profile.save', { profile: draft })
      profiles.value = [...profiles.value.filter((known) => known.profile.id !== entry.profile.id), entry].sort((a, b) =>
        a.profile.name.localeCompare(b.profile.name)
      )
      saveStatus.value = 'done'
      return entry
    } catch (caught) {
      saveError.value = toErrorData(caught)
      saveStatus.value = 'error'
      return null
    }
  }

  async function remove(id: string): Promise<boolean> {
    removeStatus.value = 'busy'
    removeError.value = null
    try {
      await client.request('profile.remove', { id })
      profiles.value = profiles.value.filter((entry) => entry.profile.id !== id)
      removeStatus.value = 'done'
      return true
    } catch (caught) {
      removeError.value = toErrorData(caught)
      removeStatus.value = 'error'
      return false
    }
  }

  function resetActions(): void {
    saveStatus.value = 'idle'
    saveError.value = null
    removeStatus.value = 'idle'
    removeError.value = null
  }

  function byId(id: string): GoldenProfile | null {
    return profiles.value.find((entry) => entry.profile.id === id)?.profile ?? null
  }

  return { status, error, profiles, problems, check, saveStatus, saveError, removeStatus, removeError, load, validate, clearCheck, save, remove, resetActions, byId }
})

/** A picked file's text as JSON; the host checks what is inside. */
export function parseProfileFile(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (caught) {
    throw new ProfileFileError(caught instanceof Error ? caught.message : String(caught))
  }
}
