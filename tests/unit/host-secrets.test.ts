import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ParentPortCipher } from '../../src/host/secrets/parent-port-cipher'
import { LocalKeyCipher } from '../../src/host/secrets/secret-cipher'
import { FileSecretStore } from '../../src/host/secrets/secret-store'
import { defaultDataDir } from '../../src/host/data-dir'

const dir = () => mkdtempSync(join(tmpdir(), 'hd-secrets-'))
const mode = (path: string) => statSync(path).mode & 0o777

describe('LocalKeyCipher', () => {
  it('round-trips, uses a fresh IV each time, and keeps its key in a 0600 file', async () => {
    const keyPath = join(dir(), 'nested', 'serve.key')
    const cipher = new LocalKeyCipher(keyPath)
    const a = await cipher.encrypt('管理者パスワード')
    const b = await cipher.encrypt('管理者パスワード')
    expect(a).not.toBe(b)
    expect(await cipher.decrypt(a)).toBe('管理者パスワード')
    expect(mode(keyPath)).toBe(0o600)
    // A second instance (next start) reads the same key.
    expect(await new LocalKeyCipher(keyPath).decrypt(b)).toBe('管理者パスワード')
  })

  it('refuses damaged or foreign ciphertext with a typed error', async () => {
    const cipher = new LocalKeyCipher(join(dir(), 'k'))
    const sealed = Buffer.from(await cipher.encrypt('secret'), 'base64')
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1
    await expect(cipher.decrypt(sealed.toString('base64'))).rejects.toMatchObject({ code: 'PROTOCOL' })
    await expect(cipher.decrypt('AAAA')).rejects.toMatchObject({ code: 'PROTOCOL' })
    await expect(new LocalKeyCipher(join(dir(), 'other')).decrypt(await cipher.encrypt('x'))).rejects.toMatchObject({ code: 'PROTOCOL' })
  })
})

describe('FileSecretStore', () => {
  it('stores credentials encrypted, in a 0600 file, and forgets them', async () => {
    const root = dir()
    const path = join(root, 'credentials.json')
    const store = new FileSecretStore(path, new LocalKeyCipher(join(root, 'key')))
    await store.setCredentials('device:a', { username: 'admin', password: 'hunter2' })
    await store.setCredentials('device:b', { password: 'p2' })
    expect(await store.getCredentials('device:a')).toEqual({ username: 'admin', password: 'hunter2' })
    expect(await store.accounts()).toEqual(['device:a', 'device:b'])
    const onDisk = readFileSync(path, 'utf8')
    expect(onDisk).not.toContain('hunter2')
    expect(onDisk).not.toContain('admin')
    expect(mode(path)).toBe(0o600)
    expect(await store.forget('device:a')).toBe(true)
    expect(await store.forget('device:a')).toBe(false)
    expect(await store.getCredentials('device:a')).toBeUndefined()
  })

  it('serializes concurrent writes so none is lost', async () => {
    const root = dir()
    const store = new FileSecretStore(join(root, 'c.json'), new LocalKeyCipher(join(root, 'key')))
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.setCredentials(`device:${i}`, { password: `p${i}` })))
    expect(await store.accounts()).toHaveLength(10)
  })

  it('treats a corrupt file as empty rather than crashing', async () => {
    const root = dir()
    writeFileSync(join(root, 'c.json'), '{not json')
    const store = new FileSecretStore(join(root, 'c.json'), new LocalKeyCipher(join(root, 'key')))
    expect(await store.accounts()).toEqual([])
  })
})

describe('ParentPortCipher', () => {
  it('asks main and matches replies by id', async () => {
    const sent: Array<{ type: string; id: number; value: string }> = []
    const cipher = new ParentPortCipher((message) => sent.push(message as never))
    const sealing = cipher.encrypt('pw')
    const opening = cipher.decrypt('c2VhbGVk')
    expect(sent.map((m) => m.type)).toEqual(['secret.encrypt', 'secret.decrypt'])
    expect(cipher.handleMessage({ type: 'secret.result', id: sent[1]?.id, ok: true, value: 'pw' })).toBe(true)
    expect(cipher.handleMessage({ type: 'secret.result', id: sent[0]?.id, ok: false, error: 'no keychain' })).toBe(true)
    expect(cipher.handleMessage({ type: 'connect' })).toBe(false)
    expect(await opening).toBe('pw')
    await expect(sealing).rejects.toMatchObject({ code: 'UNSUPPORTED', message: 'no keychain' })
  })
})

describe('defaultDataDir', () => {
  it.each([
    [{ HOTSPOT_DESK_DATA_DIR: '/tmp/x' }, 'linux', '/tmp/x'],
    [{}, 'linux', '/home/u/.config/hotspot-desk'],
    [{ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/cfg/hotspot-desk'],
    [{}, 'darwin', '/home/u/Library/Application Support/Hotspot Desk']
  ] as const)('%j on %s → %s', (env, platform, expected) => {
    expect(defaultDataDir(env, platform, '/home/u')).toBe(expected)
  })
})
