// Permission handling for every session (Electron security checklist item 5): deny by default.
// The one exception is 'clipboard-sanitized-write' for the app's own pages, used by the
// "copy phone number" button. Portal sessions get nothing: their origins are never trusted.
// Both handlers are needed; Chromium checks before it requests (Session API docs).
import type { Session } from 'electron'
import type { OriginPolicy } from './app-origin'

const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, policy: OriginPolicy): boolean {
  if (!APP_PERMISSIONS.has(permission)) return false
  return requestingUrl !== undefined && requestingUrl !== '' && policy.isTrustedUrl(requestingUrl)
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>

export function installPermissionHandlers(session: PermissionSession, policy: OriginPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, policy)
    if (!granted) console.warn(`[main] denied permission request '${permission}'`)
    callback(granted)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, policy)
  )
  // WebHID / WebUSB / Web Serial: devices belong to the core host, never to a page.
  session.setDevicePermissionHandler(() => false)
}
