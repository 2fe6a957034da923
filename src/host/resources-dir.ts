// Where the app's resources/ folder is: next to the packaged app (electron-builder extraResources),
// or the repository's resources/ when running from a build in the project folder.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOTSPOT_DESK_RESOURCES_DIR) return env.HOTSPOT_DESK_RESOURCES_DIR
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, 'resources'))) return join(packaged, 'resources')
  // out/main/*.js → the project root's resources/
  return resolve(__dirname, '../../resources')
}
