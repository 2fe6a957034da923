// Contract handlers for golden profiles, batch jobs, manual adds and station addressing. Thin: the station
// service does the work. Without one (a host with no data folder) every method says why it is off.
import { ContractError } from '../contract/errors'
import type { HandlerTable } from './contract-server'
import type { StationService } from './station-service'

export type ShopHandlers = Pick<
  HandlerTable,
  | 'devices.add'
  | 'profile.list'
  | 'profile.validate'
  | 'profile.save'
  | 'profile.remove'
  | 'batch.start'
  | 'batch.list'
  | 'batch.get'
  | 'batch.cancel'
  | 'batch.resume'
  | 'batch.finish'
  | 'station.addressing'
>

export function createShopHandlers(station?: StationService): ShopHandlers {
  const service = (): StationService => {
    if (!station) throw new ContractError('UNSUPPORTED', 'The shop station is off in this host: it needs the app\'s data folder.')
    return station
  }
  return {
    'devices.add': (params) => service().addDevice(params),
    'profile.list': () => service().listProfiles(),
    'profile.validate': ({ profile }) => service().validateProfile(profile),
    'profile.save': ({ profile }) => service().saveProfile(profile),
    'profile.remove': ({ id }) => ({ removed: service().removeProfile(id) }),
    'batch.start': (params) => service().startBatch(params),
    'batch.list': () => ({ jobs: service().listJobs() }),
    'batch.get': ({ jobId }) => service().getJob(jobId),
    'batch.cancel': ({ jobId }) => service().cancel(jobId),
    'batch.resume': ({ jobId }) => service().resume(jobId),
    'batch.finish': ({ jobId }) => service().finish(jobId),
    'station.addressing': () => service().addressing()
  }
}
