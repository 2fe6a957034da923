// Who may receive the core host's MessagePort: only the top frame of our main window, showing our
// app (Electron security checklist item 17, "validate the sender of all IPC messages"). A port to
// the host is full access to every device, so a subframe, another window, a portal view or a page
// that somehow navigated elsewhere gets nothing.
import type { OriginPolicy } from './app-origin'

/** The parts of WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
  readonly processId: number
  readonly routingId: number
  isDestroyed?(): boolean
}

/** The parts of WebContents the check reads. */
export interface ContentsLike {
  readonly id: number
  readonly mainFrame: FrameLike
  isDestroyed(): boolean
}

export interface IpcRequestLike {
  readonly sender: { readonly id: number }
  /** Null once the frame has navigated away or been destroyed (Electron ≥ 27). */
  readonly senderFrame: FrameLike | null | undefined
}

export function isTrustedHostPortRequest(
  request: IpcRequestLike,
  mainContents: ContentsLike | null | undefined,
  policy: OriginPolicy
): boolean {
  try {
    const frame = request.senderFrame
    if (frame === null || frame === undefined || frame.isDestroyed?.() === true) return false
    if (mainContents === null || mainContents === undefined || mainContents.isDestroyed()) return false
    if (request.sender.id !== mainContents.id) return false
    if (frame.parent !== null) return false
    const mainFrame = mainContents.mainFrame
    if (frame !== mainFrame && (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId)) {
      return false
    }
    return policy.isTrustedUrl(frame.url)
  } catch {
    // Reading a frame that is being torn down can throw; such a sender is not trusted.
    return false
  }
}
