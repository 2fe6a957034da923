// Where the app's resources/ folder is: next to the packaged app (electron-builder extraResources), or
// the project's resources/ when running from source or from a build in the project folder. Bundled code
// may sit in out/main/ or in a chunk folder below it, so the project root is found by walking up.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

const MARKER = join('resources', 'carriers')

export function resourcesDir(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.HOTSPOT_DESK_RESOURCES_DIR) return env.HOTSPOT_DESK_RESOURCES_DIR
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, MARKER))) return join(packaged, 'resources')
  for (let dir = from, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    if (existsSync(join(dir, MARKER))) return join(dir, 'resources')
    if (dirname(dir) === dir) break
  }
  return join(process.cwd(), 'resources')
}
