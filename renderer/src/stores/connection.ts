// The host link as the status line shows it: connecting, connected (with the host's app and contract
// versions from app.hello), reconnecting (with the host's reason and when it retries), offline, or
// incompatible when the host refuses our contract version.
import type { ContractErrorData } from '@contract/errors'
import { CONTRACT_VERSION } from '@contract/version'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'
import type { HelloResult } from '@renderer/api/host-client'
import type { ConnectionInfo, ConnectionState } from '@renderer/api/transport'
import type { LoadStatus } from './status'

export type HostStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'incompatible' | 'unresponsive'

export const useConnectionStore = defineStore('connection', () => {
  const client = useApiClient()

  /** idle before start(); loading until app.hello answers; ready after; error when hello failed. */
  const status = ref<LoadStatus>('idle')
  const link = ref<ConnectionState>(client.state)
  const linkInfo = ref<ConnectionInfo>({ ...client.info })
  const hello = ref<HelloResult | null>(client.hello)
  const error = ref<ContractErrorData | null>(null)
  /** When the link last changed (ms since epoch), so a countdown can be computed from retryInMs. */
  const linkChangedAt = ref(Date.now())
  let disposers: Array<() => void> = []

  const hostStatus = computed<HostStatus>(() => {
    switch (link.value) {
      case 'closed':
        return 'offline'
      case 'reconnecting':
        return 'reconnecting'
      case 'connecting':
        return 'connecting'
      case 'open':
        if (status.value === 'ready') return 'connected'
        if (status.value === 'error') return error.value?.code === 'VERSION_MISMATCH' ? 'incompatible' : 'unresponsive'
        return 'connecting'
    }
    return 'offline'
  })

  const clientContractVersion = CONTRACT_VERSION

  function start(): void {
    if (disposers.length > 0) return
    status.value = client.hello ? 'ready' : 'loading'
    disposers = [
      client.onStateChange((state, info) => {
        link.value = state
        linkInfo.value = { ...info }
        linkChangedAt.value = Date.now()
        if (state !== 'open') hello.value = null
        if (state === 'open' || state === 'reconnecting' || state === 'connecting') {
          status.value = 'loading'
          error.value = null
        }
      }),
      client.onReady((result) => {
        hello.value = result
        error.value = null
        status.value = 'ready'
      }),
      client.onHelloError((refused) => {
        error.value = refused.toData()
        status.value = 'error'
      })
    ]
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
    status.value = 'idle'
  }

  return { status, link, linkInfo, linkChangedAt, hello, error, hostStatus, clientContractVersion, start, stop }
})
