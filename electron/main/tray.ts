// The tray icon: signal bars of one device, a tooltip with its name, carrier and bars, and a menu (show
// the window, pick the device the icon follows, quit). It knows devices only from the host's desk.tray
// messages (src/host/notifications.ts); Electron's Tray, Menu and nativeImage are injected so this is
// tested without Electron.
import type { TrayDevice } from '../../src/contract/settings'
import { COLOR_BARS, MAX_BARS, signalBarsPng, TEMPLATE_COLORS } from './tray-icon'

export type TrayLocale = 'en' | 'ja'

export interface TrayState {
  language: TrayLocale
  devices: TrayDevice[]
  focusedId?: string | undefined
}

export interface TrayImageLike {
  setTemplateImage?(template: boolean): void
}

export interface TrayLike<TImage, TMenu> {
  setImage(image: TImage): void
  setToolTip(text: string): void
  setContextMenu(menu: TMenu): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayMenuItem {
  label?: string
  type?: 'normal' | 'separator' | 'radio'
  checked?: boolean
  enabled?: boolean
  submenu?: TrayMenuItem[]
  click?: () => void
}

export interface TrayApis<TImage extends TrayImageLike, TMenu> {
  /** nativeImage.createFromBuffer(png, { scaleFactor }). */
  imageFromPng(png: Buffer, scaleFactor: number): TImage
  /** new Tray(image). */
  createTray(image: TImage): TrayLike<TImage, TMenu>
  /** Menu.buildFromTemplate(items). */
  buildMenu(items: TrayMenuItem[]): TMenu
}

export interface TrayControllerOptions<TImage extends TrayImageLike, TMenu> {
  apis: TrayApis<TImage, TMenu>
  platform: NodeJS.Platform
  showWindow(): void
  quit(): void
}

export interface TrayController {
  update(state: TrayState): void
  /** The device the icon follows now, if any. */
  readonly selectedId: string | undefined
  destroy(): void
}

const TEXT = {
  en: {
    app: 'Hotspot Desk',
    show: 'Show Hotspot Desk',
    devices: 'Devices',
    none: 'No devices',
    quit: 'Quit',
    bars: (bars: number) => `${bars}/${MAX_BARS} bars`,
    notAnswering: 'not answering'
  },
  ja: {
    app: 'Hotspot Desk',
    show: 'Hotspot Desk を表示',
    devices: '端末',
    none: '端末がありません',
    quit: '終了',
    bars: (bars: number) => `アンテナ ${bars}/${MAX_BARS}`,
    notAnswering: '応答なし'
  }
} as const

/** The device the icon follows: the user's pick from the menu, else the one on screen, else the first. */
export function pickTrayDevice(state: TrayState, picked: string | undefined): TrayDevice | undefined {
  return (
    state.devices.find((device) => device.id === picked) ??
    state.devices.find((device) => device.id === state.focusedId) ??
    state.devices[0]
  )
}

export function trayLine(device: TrayDevice, language: TrayLocale): string {
  const text = TEXT[language]
  const reading = device.state === 'ready' ? text.bars(device.bars) : text.notAnswering
  return [device.name, device.carrier, reading].filter(Boolean).join(' · ')
}

export function trayTooltip(device: TrayDevice | undefined, language: TrayLocale): string {
  const text = TEXT[language]
  return `${text.app} — ${device ? trayLine(device, language) : text.none}`
}

export function trayMenuItems(
  state: TrayState,
  selected: TrayDevice | undefined,
  actions: { showWindow(): void; quit(): void; pick(id: string): void }
): TrayMenuItem[] {
  const text = TEXT[state.language]
  const devices: TrayMenuItem[] =
    state.devices.length === 0
      ? [{ label: text.none, enabled: false }]
      : state.devices.map((device) => ({
          label: trayLine(device, state.language),
          type: 'radio',
          checked: device.id === selected?.id,
          click: () => actions.pick(device.id)
        }))
  return [
    { label: text.show, click: actions.showWindow },
    { type: 'separator' },
    { label: text.devices, submenu: devices },
    { type: 'separator' },
    { label: text.quit, click: actions.quit }
  ]
}

export function createTrayController<TImage extends TrayImageLike, TMenu>(
  options: TrayControllerOptions<TImage, TMenu>
): TrayController {
  const { apis } = options
  const template = options.platform === 'darwin'
  const images = new Map<number, TImage>()
  const imageFor = (bars: number): TImage => {
    let image = images.get(bars)
    if (!image) {
      // 32 px at scale 2: a 16-point icon that stays sharp on high-density screens.
      image = apis.imageFromPng(signalBarsPng(bars, 32, template ? TEMPLATE_COLORS : COLOR_BARS), 2)
      if (template) image.setTemplateImage?.(true)
      images.set(bars, image)
    }
    return image
  }

  let state: TrayState = { language: 'en', devices: [] }
  let picked: string | undefined
  let shownBars = -1
  const tray = apis.createTray(imageFor(0))
  // Windows and Linux open the window on a click; macOS shows the menu itself.
  tray.on('click', () => options.showWindow())

  const render = (): void => {
    const selected = pickTrayDevice(state, picked)
    const bars = selected && selected.state === 'ready' ? selected.bars : 0
    if (bars !== shownBars) {
      tray.setImage(imageFor(bars))
      shownBars = bars
    }
    tray.setToolTip(trayTooltip(selected, state.language))
    tray.setContextMenu(
      apis.buildMenu(
        trayMenuItems(state, selected, {
          showWindow: options.showWindow,
          quit: options.quit,
          pick: (id) => {
            picked = id
            render()
          }
        })
      )
    )
  }
  render()

  return {
    update(next) {
      state = next
      render()
    },
    get selectedId() {
      return pickTrayDevice(state, picked)?.id
    },
    destroy: () => tray.destroy()
  }
}
