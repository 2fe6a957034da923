// Where the built pieces sit relative to out/main/index.js (electron-vite output; inside app.asar
// when packaged). One place, so the window, the protocol and the host supervisor agree.
import { join } from 'node:path'

export interface AppPaths {
  readonly preloadScript: string
  readonly rendererRoot: string
  readonly hostScript: string
}

/** @param mainDir the directory of the running main bundle (`__dirname` of out/main/index.js) */
export function resolveAppPaths(mainDir: string): AppPaths {
  return {
    preloadScript: join(mainDir, '..', 'preload', 'index.js'),
    rendererRoot: join(mainDir, '..', 'renderer'),
    hostScript: join(mainDir, 'host.js')
  }
}
