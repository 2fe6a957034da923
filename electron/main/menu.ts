// Minimal application menu. macOS needs the app and Edit menus for Cmd+Q and copy/paste shortcuts;
// on Windows and Linux the app shows no menu bar (Chromium handles editing shortcuts itself).
// Development builds add the View menu (reload, devtools).
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function applicationMenuTemplate(platform: NodeJS.Platform, isDev: boolean): MenuItemConstructorOptions[] | null {
  const devItems: MenuItemConstructorOptions[] = isDev ? [{ role: 'viewMenu' }] : []
  if (platform === 'darwin') return [{ role: 'appMenu' }, { role: 'editMenu' }, ...devItems, { role: 'windowMenu' }]
  return isDev ? [{ role: 'editMenu' }, ...devItems] : null
}

export function installApplicationMenu(platform: NodeJS.Platform, isDev: boolean): void {
  const template = applicationMenuTemplate(platform, isDev)
  Menu.setApplicationMenu(template === null ? null : Menu.buildFromTemplate(template))
}
