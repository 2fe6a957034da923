// In-app toasts for the host's 'notification' events: serve mode has no OS notifications, and in the
// desktop app main shows an OS notification only while the window is not focused, so the window shows
// its own. Toasts stay until dismissed (no timer a reader has to race); the oldest go when too many pile up.
import type { HostNotification } from '@contract/settings'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApiClient } from '@renderer/api/client-context'

/** More than this on screen at once is noise; the oldest make room. */
export const MAX_TOASTS = 4

export const useNotificationsStore = defineStore('notifications', () => {
  const client = useApiClient()
  const toasts = ref<HostNotification[]>([])
  let disposers: Array<() => void> = []

  function push(notification: HostNotification): void {
    // The same event can reach a window twice only through a bug; never show it twice.
    if (toasts.value.some((toast) => toast.id === notification.id)) return
    toasts.value = [...toasts.value, notification].slice(-MAX_TOASTS)
  }

  function dismiss(id: string): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  function dismissAll(): void {
    toasts.value = []
  }

  function start(): void {
    if (disposers.length > 0) return
    disposers = [client.on('notification', push)]
  }

  function stop(): void {
    for (const dispose of disposers) dispose()
    disposers = []
  }

  return { toasts, push, dismiss, dismissAll, start, stop }
})
