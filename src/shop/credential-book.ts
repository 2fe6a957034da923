// Changing a unit's admin password needs the current one, and rolling it back needs both. Drivers keep their
// account to themselves, so the station reads the credentials every driver is created with: the registry the
// device manager builds drivers from is wrapped, and each created target's credentials are noted against its
// connection (a serial path or base URL is unique per attached unit). A password the station changes is
// written back here, so a rollback or a second job uses the right one. Kept in memory only.
import type { Connection } from '../contract/model'
import { DriverRegistry, type Credentials, type DriverFamily } from '../devices/driver'

export function connectionKey(connection: Connection): string {
  return connection.kind === 'http' ? `http ${connection.baseUrl}` : `serial ${connection.path}`
}

export class CredentialBook {
  private readonly byConnection = new Map<string, Credentials>()

  /** A registry whose families note the credentials of every driver they create. */
  wrap(registry: DriverRegistry): DriverRegistry {
    const wrapped = new DriverRegistry()
    for (const family of registry.all()) wrapped.register(this.noting(family))
    return wrapped
  }

  get(connection: Connection): Credentials | undefined {
    return this.byConnection.get(connectionKey(connection))
  }

  set(connection: Connection, credentials: Credentials): void {
    this.byConnection.set(connectionKey(connection), { ...credentials })
  }

  private noting(family: DriverFamily): DriverFamily {
    return {
      id: family.id,
      label: family.label,
      connectionKinds: family.connectionKinds,
      fingerprint: (connection, signal) => family.fingerprint(connection, signal),
      create: (target) => {
        if (target.credentials) this.set(target.connection, target.credentials)
        else this.byConnection.delete(connectionKey(target.connection))
        return family.create(target)
      }
    }
  }
}
