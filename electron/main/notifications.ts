// OS notifications for the host's 'notification' events, and the router for everything the host posts
// to main about the desktop shell (desk.tray, desk.notification; see src/contract/settings.ts). While the
// window is focused the window shows its own toast, so the OS stays quiet. The host already rendered the
// text in the user's language. Electron's Notification is injected so this is tested without Electron.
import { HostToMainDeskMessage, type HostNotification } from '../../src/contract/settings'
import type { PortalHostLink } from './portal/portal-bridge'
import type { TrayController } from './tray'

export interface OsNotificationLike {
  on(event: 'click', listener: () => void): unknown
  show(): void
}

export interface DesktopNotifierOptions {
  /** Notification.isSupported(). */
  isSupported(): boolean
  /** new Notification({ title, body, silent }). */
  create(options: { title: string; body: string; silent: boolean }): OsNotificationLike
  isWindowFocused(): boolean
  showWindow(): void
}

export interface DesktopNotifier {
  /** True when an OS notification was shown. */
  notify(notification: HostNotification): boolean
}

export function createDesktopNotifier(options: DesktopNotifierOptions): DesktopNotifier {
  // Electron drops a Notification that is garbage-collected before it is clicked; keep the live ones.
  const live = new Set<OsNotificationLike>()
  return {
    notify(notification) {
      if (options.isWindowFocused() || !options.isSupported()) return false
      const shown = options.create({ title: notification.text.title, body: notification.text.body, silent: false })
      live.add(shown)
      shown.on('click', () => {
        live.delete(shown)
        options.showWindow()
      })
      shown.show()
      // Keep at most the last few; older ones are in the OS's own notification centre anyway.
      if (live.size > 20) live.delete(live.values().next().value as OsNotificationLike)
      return true
    }
  }
}

/** Feed every host message here; returns true when it was a desk message (handled). */
export function createDeskMessageHandler(targets: {
  tray: () => TrayController | undefined
  notifier: DesktopNotifier
  log?: Pick<Console, 'warn'>
}): (message: unknown) => boolean {
  return (message) => {
    const type = (message as { type?: unknown } | null)?.type
    if (typeof type !== 'string' || !type.startsWith('desk.')) return false
    const parsed = HostToMainDeskMessage.safeParse(message)
    if (!parsed.success) {
      targets.log?.warn(`[main] ignored a malformed ${type} message from the core host`)
      return true
    }
    const desk = parsed.data
    if (desk.type === 'desk.tray') targets.tray()?.update({ language: desk.language, devices: desk.devices, focusedId: desk.focusedId })
    else targets.notifier.notify(desk.notification)
    return true
  }
}

/** The host link forkHost feeds: desk messages first, portal messages to the portal bridge. */
export function withDeskMessages(link: PortalHostLink, handleDesk: (message: unknown) => boolean): PortalHostLink {
  return {
    handleHostMessage: (message, reply) => handleDesk(message) || link.handleHostMessage(message, reply),
    attachHost: (post) => link.attachHost(post)
  }
}
