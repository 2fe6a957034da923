// Where the host keeps its files (remembered passwords, later the history database). Electron passes
// its userData folder; serve mode and the CLI use the platform's usual config folder.
import { homedir } from 'node:os'
import { join } from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (env.HOTSPOT_DESK_DATA_DIR) return env.HOTSPOT_DESK_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hotspot Desk')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hotspot Desk')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'hotspot-desk')
}
