// Every session denies every permission, except clipboard writes from the app's own pages.
import { describe, expect, it, vi } from 'vitest'
import { createOriginPolicy } from '../../electron/main/app-origin'
import { installPermissionHandlers, isPermissionGranted } from '../../electron/main/permissions'

const policy = createOriginPolicy()

describe('isPermissionGranted', () => {
  it('allows clipboard-sanitized-write for the app origin', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://hotspot-desk/index.html', policy)).toBe(true)
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://hotspot-desk', policy)).toBe(true)
  })

  it.each([
    'https://my.carrier.example/',
    'app://other-host/',
    'file:///tmp/x.html',
    'http://localhost:5173/',
    '',
    undefined
  ])('denies clipboard-sanitized-write for %s', (url) => {
    expect(isPermissionGranted('clipboard-sanitized-write', url, policy)).toBe(false)
  })

  it.each([
    'clipboard-read',
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'serial',
    'usb',
    'hid',
    'fullscreen',
    'pointerLock',
    'fileSystem',
    'local-network-access',
    'unknown'
  ])('denies %s even for the app origin', (permission) => {
    expect(isPermissionGranted(permission, 'app://hotspot-desk/index.html', policy)).toBe(false)
  })
})

describe('installPermissionHandlers', () => {
  function install() {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn()
    }
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    installPermissionHandlers(session as never, policy)
    return {
      request: session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: { requestingUrl?: string }
      ) => void,
      check: session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
        contents: unknown,
        permission: string,
        origin: string,
        details: { requestingUrl?: string }
      ) => boolean,
      device: session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean
    }
  }

  it('installs request, check and device handlers', () => {
    const { request, check, device } = install()
    expect(typeof request).toBe('function')
    expect(typeof check).toBe('function')
    expect(typeof device).toBe('function')
  })

  it('the request handler denies by default and grants only the app clipboard write', () => {
    const { request } = install()
    const answers: boolean[] = []
    request(null, 'media', (granted) => answers.push(granted), { requestingUrl: 'app://hotspot-desk/index.html' })
    request(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'https://evil.example/' })
    request(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), { requestingUrl: 'app://hotspot-desk/index.html' })
    expect(answers).toEqual([false, false, true])
  })

  it('the check handler uses the requesting URL, falling back to the origin', () => {
    const { check } = install()
    expect(check(null, 'notifications', 'app://hotspot-desk', {})).toBe(false)
    expect(check(null, 'clipboard-sanitized-write', 'app://hotspot-desk', {})).toBe(true)
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false)
    expect(check(null, 'clipboard-sanitized-write', 'app://hotspot-desk', { requestingUrl: 'https://evil.example/' })).toBe(false)
  })

  it('the device handler never grants a device', () => {
    const { device } = install()
    expect(device({ deviceType: 'serial', origin: 'app://hotspot-desk' })).toBe(false)
    expect(device({ deviceType: 'usb', origin: 'app://hotspot-desk' })).toBe(false)
  })
})
