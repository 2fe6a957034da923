// ApnOperations for Huawei: primitives over GET/POST /api/dialup/profiles (reference §1.10). The switch itself
// (snapshot, apply, reattach, verify, restore) is the shared ApnTransaction's job, not this module's.
// Quirk: the E5576 makes every added profile the default, whatever SetDefault says
// (Salamek/huawei-lte-api#221). create() promises not to change the default, so it puts the old one back.
import { ContractError } from '../../../contract/errors'
import type { ApnOperations } from '../../driver'
import type { ApnDraft, ApnProfile } from '../../model'
import { reattachData } from './data-link'
import type { HuaweiOpsContext } from './ops-context'
import {
  addProfileRequest,
  deleteProfileRequest,
  editProfileRequest,
  findCreatedProfile,
  isProfileId,
  parseProfiles,
  setDefaultRequest
} from './profiles'
import type { HuaweiSession } from './session'
import type { XmlWritableRecord } from './xml'

export function createApnOperations(ctx: HuaweiOpsContext): ApnOperations {
  const list = (signal?: AbortSignal): Promise<ApnProfile[]> =>
    ctx.run(async (session) => parseProfiles(await session.get('dialup/profiles', signal)).profiles, signal)

  const save = (body: XmlWritableRecord, signal?: AbortSignal): Promise<void> =>
    ctx.run(async (session: HuaweiSession) => {
      const encrypt = await ctx.encryption(session, signal)
      await session.post('dialup/profiles', body, encrypt ? { signal, encrypt } : { signal })
    }, signal)

  const find = async (id: string, signal?: AbortSignal): Promise<ApnProfile> => {
    const profile = isProfileId(id) ? (await list(signal)).find((candidate) => candidate.id === id) : undefined
    if (!profile) throw new ContractError('NOT_FOUND', `The device has no APN profile "${id}".`, { profileId: id })
    return profile
  }

  const refusePreset = (profile: ApnProfile, what: string): void => {
    if (profile.readOnly) {
      throw new ContractError('UNSUPPORTED', `"${profile.name}" is the operator's preset profile; the device does not let anyone ${what} it. Add a new profile instead.`, {
        profileId: profile.id
      })
    }
  }

  return {
    list,

    async create(draft: ApnDraft, signal?: AbortSignal): Promise<string> {
      const before = await list(signal)
      await save(addProfileRequest(draft), signal)
      const after = await list(signal)
      const created = findCreatedProfile(before, after, draft)
      if (!created) throw new ContractError('PROTOCOL', 'The device accepted the new APN profile but it does not appear in its list.')
      const previous = before.find((profile) => profile.isDefault)
      if (created.isDefault && previous && previous.id !== created.id) await save(setDefaultRequest(previous.id), signal)
      return created.id
    },

    async update(id: string, draft: ApnDraft, signal?: AbortSignal): Promise<void> {
      const profile = await find(id, signal)
      refusePreset(profile, 'edit')
      await save(editProfileRequest(profile.id, draft, profile.isDefault), signal)
    },

    async remove(id: string, signal?: AbortSignal): Promise<void> {
      const profile = await find(id, signal)
      refusePreset(profile, 'delete')
      if (profile.isDefault) {
        throw new ContractError('BAD_INPUT', `"${profile.name}" is the profile in use; make another profile the default before deleting it.`, { profileId: id })
      }
      await save(deleteProfileRequest(profile.id), signal)
    },

    async setDefault(id: string, signal?: AbortSignal): Promise<void> {
      if (!isProfileId(id)) throw new ContractError('NOT_FOUND', `The device has no APN profile "${id}".`, { profileId: id })
      await save(setDefaultRequest(id), signal)
    },

    reattach(signal?: AbortSignal): Promise<void> {
      return reattachData(ctx, signal)
    }
  }
}
