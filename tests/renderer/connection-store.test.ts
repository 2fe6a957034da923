import { ContractError } from '@contract/errors'
import { beforeEach, describe, expect, it } from 'vitest'
import { useConnectionStore } from '@renderer/stores/connection'
import { FakeHostClient, HELLO } from './support/fake-client'
import { createTestPinia } from './support/mount-app'

describe('connection store', () => {
  let client: FakeHostClient

  beforeEach(() => {
    client = new FakeHostClient()
    client.state = 'connecting'
    client.hello = null
    createTestPinia(client)
  })

  it('follows the link through connecting, connected, reconnecting and offline', () => {
    const store = useConnectionStore()
    store.start()
    expect(store.hostStatus).toBe('connecting')

    client.setState('open')
    expect(store.hostStatus).toBe('connecting')
    client.becomeReady({ ...HELLO, appVersion: '0.2.0' })
    expect(store.hostStatus).toBe('connected')
    expect(store.status).toBe('ready')
    expect(store.hello?.appVersion).toBe('0.2.0')

    client.setState('reconnecting', { reason: 'host crashed', retryInMs: 2000 })
    expect(store.hostStatus).toBe('reconnecting')
    expect(store.linkInfo).toEqual({ reason: 'host crashed', retryInMs: 2000 })
    expect(store.hello).toBeNull()

    client.setState('closed')
    expect(store.hostStatus).toBe('offline')
  })

  it('says incompatible when the host refuses our contract version', () => {
    const store = useConnectionStore()
    store.start()
    client.setState('open')
    client.refuseHello(new ContractError('VERSION_MISMATCH', 'This host speaks contract version 2.'))
    expect(store.status).toBe('error')
    expect(store.hostStatus).toBe('incompatible')
    expect(store.error?.code).toBe('VERSION_MISMATCH')
  })

  it('is connected at once when the client already said hello', () => {
    client.state = 'open'
    client.hello = HELLO
    const store = useConnectionStore()
    store.start()
    expect(store.hostStatus).toBe('connected')
  })
})
