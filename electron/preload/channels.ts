// The IPC channel names of the host-port hand-off, shared by electron/main and the preload (which
// bundles this file in). Constants only: the sandboxed preload may import nothing at runtime except
// 'electron'.

/** renderer (preload) → main, no payload: "this page wants a port to the core host". */
export const REQUEST_HOST_PORT_CHANNEL = 'hotspot-desk:request-host-port'

/** main → renderer, payload null, one transferred MessagePort; forwarded to the page as a window message. */
export const HOST_PORT_CHANNEL = 'hotspot-desk:host-port'

/** main → renderer, payload { reason: string, restartInMs: number }; forwarded the same way, no port. */
export const HOST_DOWN_CHANNEL = 'hotspot-desk:host-down'
