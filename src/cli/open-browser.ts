// Opens a loopback URL in the user's default browser (serve --open). Only ever called with the
// URL serve mode printed, and only when the user asked for it.
import { spawn } from 'node:child_process'

export function openInBrowser(url: string): void {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`refusing to open a non-loopback URL: ${url}`)
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]]
  const child = spawn(command, args, { detached: true, stdio: 'ignore' })
  child.on('error', () => process.stderr.write(`Could not open a browser; open this address yourself:\n  ${url}\n`))
  child.unref()
}
