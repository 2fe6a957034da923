// The tray without Electron: PNG images per bar count (decoded back to pixels), tooltip and menu built
// from injected fakes, the device pick, OS notifications only when the window is not focused, and the
// desk-message router in front of the portal bridge.
import { inflateSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import type { HostNotification, TrayDevice } from '../../src/contract/settings'
import { createDeskMessageHandler, createDesktopNotifier, withDeskMessages } from '../../electron/main/notifications'
import { createTrayController, type TrayMenuItem } from '../../electron/main/tray'
import { COLOR_BARS, crc32, MAX_BARS, signalBarsPng, TEMPLATE_COLORS } from '../../electron/main/tray-icon'

/** Reads our own PNGs back: checks signature, chunk CRCs and the IHDR, and returns the RGBA pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let offset = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)))
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      expect([data[8], data[9]]).toEqual([8, 6])
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const pixels = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0)
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1))
  }
  return { width, height, pixels }
}

/** Which of the five bars are drawn in the "on" colour, read along the bottom row. */
function filledBars(png: Buffer, size: number): number {
  const { pixels } = decodePng(png)
  const row = size - 1
  let filled = 0
  let inBar = false
  for (let x = 0; x < size; x++) {
    const i = (row * size + x) * 4
    const alpha = pixels[i + 3] ?? 0
    if (alpha === 0) {
      inBar = false
      continue
    }
    if (!inBar && alpha === COLOR_BARS.on[3]) filled++
    inBar = true
  }
  return filled
}

describe('tray icon images', () => {
  it.each([0, 1, 2, 3, 4, 5])('%i bars → a valid 32 px PNG with exactly that many filled bars', (bars) => {
    const png = signalBarsPng(bars, 32, COLOR_BARS)
    const { width, height } = decodePng(png)
    expect([width, height]).toEqual([32, 32])
    expect(filledBars(png, 32)).toBe(bars)
  })

  it('every bar count gives a different image; the tallest bar reaches the top', () => {
    const images = new Set([0, 1, 2, 3, 4, 5].map((bars) => signalBarsPng(bars, 16, TEMPLATE_COLORS).toString('base64')))
    expect(images.size).toBe(MAX_BARS + 1)
    const { pixels } = decodePng(signalBarsPng(5, 16, TEMPLATE_COLORS))
    const topRowAlpha = [...Array(16).keys()].map((x) => pixels[x * 4 + 3])
    expect(topRowAlpha.some((alpha) => alpha === 255)).toBe(true)
  })

  it('out-of-range bar counts are clamped', () => {
    expect(signalBarsPng(9, 16, COLOR_BARS)).toEqual(signalBarsPng(5, 16, COLOR_BARS))
    expect(signalBarsPng(-1, 16, COLOR_BARS)).toEqual(signalBarsPng(0, 16, COLOR_BARS))
  })
})

function fakeApis() {
  const images: Array<{ png: Buffer; scaleFactor: number; template: boolean }> = []
  const tray = {
    image: undefined as unknown,
    tooltip: '',
    menu: [] as TrayMenuItem[],
    clicks: [] as Array<() => void>,
    destroyed: false,
    setImage(image: unknown) {
      this.image = image
    },
    setToolTip(text: string) {
      this.tooltip = text
    },
    setContextMenu(menu: TrayMenuItem[]) {
      this.menu = menu
    },
    on(_event: 'click', listener: () => void) {
      this.clicks.push(listener)
    },
    destroy() {
      this.destroyed = true
    }
  }
  return {
    images,
    tray,
    apis: {
      imageFromPng: (png: Buffer, scaleFactor: number) => {
        const image = {
          png,
          scaleFactor,
          template: false,
          setTemplateImage(value: boolean) {
            image.template = value
          }
        }
        images.push(image)
        return image
      },
      createTray: () => tray,
      buildMenu: (items: TrayMenuItem[]) => items
    }
  }
}

const ROUTER: TrayDevice = { id: 'demo-hotspot', name: 'Demo E5577', carrier: 'T-Mobile', bars: 4, state: 'ready' }
const MODEM: TrayDevice = { id: 'demo-modem', name: 'Demo E3372h', bars: 2, state: 'ready' }

describe('tray controller', () => {
  it('shows the focused device: bars image, tooltip with name, carrier and bars, and the menu', () => {
    const fake = fakeApis()
    const showWindow = vi.fn()
    const quit = vi.fn()
    const tray = createTrayController({ apis: fake.apis, platform: 'linux', showWindow, quit })
    expect(fake.tray.tooltip).toBe('Hotspot Desk — No devices')
    tray.update({ language: 'en', devices: [MODEM, ROUTER], focusedId: 'demo-hotspot' })
    expect(tray.selectedId).toBe('demo-hotspot')
    expect(fake.tray.tooltip).toBe('Hotspot Desk — Demo E5577 · T-Mobile · 4/5 bars')
    const shown = fake.tray.image as { png: Buffer; scaleFactor: number; template: boolean }
    expect(filledBars(shown.png, 32)).toBe(4)
    expect(shown.scaleFactor).toBe(2)
    expect(shown.template).toBe(false)

    const [show, , devices, , quitItem] = fake.tray.menu
    expect(show?.label).toBe('Show Hotspot Desk')
    expect(devices?.submenu?.map((item) => [item.label, item.checked])).toEqual([
      ['Demo E3372h · 2/5 bars', false],
      ['Demo E5577 · T-Mobile · 4/5 bars', true]
    ])
    show?.click?.()
    expect(showWindow).toHaveBeenCalledTimes(1)
    fake.tray.clicks[0]?.()
    expect(showWindow).toHaveBeenCalledTimes(2)
    quitItem?.click?.()
    expect(quit).toHaveBeenCalledTimes(1)

    // Picking a device in the menu makes the icon follow it, whatever is on screen.
    devices?.submenu?.[0]?.click?.()
    expect(tray.selectedId).toBe('demo-modem')
    expect(filledBars((fake.tray.image as { png: Buffer }).png, 32)).toBe(2)
    tray.update({ language: 'ja', devices: [{ ...MODEM, state: 'unreachable' }, ROUTER], focusedId: 'demo-hotspot' })
    expect(fake.tray.tooltip).toBe('Hotspot Desk — Demo E3372h · 応答なし')
    expect(filledBars((fake.tray.image as { png: Buffer }).png, 32)).toBe(0)
    expect(fake.tray.menu[0]?.label).toBe('Hotspot Desk を表示')
    tray.destroy()
    expect(fake.tray.destroyed).toBe(true)
  })

  it('makes one image per bar count, as template images on macOS', () => {
    const fake = fakeApis()
    const tray = createTrayController({ apis: fake.apis, platform: 'darwin', showWindow: vi.fn(), quit: vi.fn() })
    tray.update({ language: 'en', devices: [ROUTER] })
    tray.update({ language: 'en', devices: [{ ...ROUTER, bars: 3 }] })
    tray.update({ language: 'en', devices: [ROUTER] })
    expect(fake.images).toHaveLength(3)
    expect(fake.images.every((image) => image.template)).toBe(true)
  })
})

const NOTE: HostNotification = {
  id: 'n1',
  kind: 'disconnected',
  deviceId: 'demo-hotspot',
  titleKey: 'notify.disconnected.title',
  bodyKey: 'notify.disconnected.body',
  params: { device: 'Demo E5577' },
  text: { title: 'Device disconnected', body: 'Demo E5577 was unplugged or stopped answering.' },
  at: 1
}

describe('desktop notifications and the desk router', () => {
  function notifier(focused: boolean) {
    const created: Array<{ title: string; body: string; clicks: Array<() => void>; shown: boolean }> = []
    const showWindow = vi.fn()
    const desktop = createDesktopNotifier({
      isSupported: () => true,
      create: ({ title, body }) => {
        const note = {
          title,
          body,
          clicks: [] as Array<() => void>,
          shown: false,
          on(_event: 'click', listener: () => void) {
            note.clicks.push(listener)
          },
          show() {
            note.shown = true
          }
        }
        created.push(note)
        return note
      },
      isWindowFocused: () => focused,
      showWindow
    })
    return { desktop, created, showWindow }
  }

  it('shows the host text as an OS notification only while the window is not focused; a click shows the window', () => {
    const away = notifier(false)
    expect(away.desktop.notify(NOTE)).toBe(true)
    expect(away.created[0]).toMatchObject({ title: 'Device disconnected', shown: true })
    away.created[0]?.clicks[0]?.()
    expect(away.showWindow).toHaveBeenCalled()
    const here = notifier(true)
    expect(here.desktop.notify(NOTE)).toBe(false)
    expect(here.created).toHaveLength(0)
  })

  it('routes desk messages to the tray and notifier, refuses malformed ones, passes others to the portal bridge', () => {
    const update = vi.fn()
    const notify = vi.fn(() => true)
    const warn = vi.fn()
    const handle = createDeskMessageHandler({
      tray: () => ({ update, selectedId: undefined, destroy: vi.fn() }),
      notifier: { notify },
      log: { warn }
    })
    expect(handle({ type: 'desk.tray', language: 'ja', devices: [ROUTER], focusedId: 'demo-hotspot' })).toBe(true)
    expect(update).toHaveBeenCalledWith({ language: 'ja', devices: [ROUTER], focusedId: 'demo-hotspot' })
    expect(handle({ type: 'desk.notification', notification: NOTE })).toBe(true)
    expect(notify).toHaveBeenCalledWith(NOTE)
    expect(handle({ type: 'desk.tray', devices: 'nope' })).toBe(true)
    expect(warn).toHaveBeenCalled()
    expect(handle({ type: 'portal.event' })).toBe(false)

    const portals = { handleHostMessage: vi.fn(() => true), attachHost: vi.fn(() => () => undefined) }
    const link = withDeskMessages(portals, handle)
    link.handleHostMessage({ type: 'desk.notification', notification: NOTE }, vi.fn())
    expect(portals.handleHostMessage).not.toHaveBeenCalled()
    link.handleHostMessage({ type: 'portal.event', key: 'k' }, vi.fn())
    expect(portals.handleHostMessage).toHaveBeenCalledTimes(1)
  })
})
