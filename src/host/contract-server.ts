// The host side of the contract: validates every incoming message against its schema, dispatches
// it to a handler, and pushes events to subscribed clients. A bad message gets BAD_INPUT naming the
// offending path; nothing a client sends can crash the host.
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { ContractError, type ContractErrorData } from '../contract/errors'
import type { EventName, PayloadOf } from '../contract/events'
import { isMethodName, methods, type MethodName, type Methods, type ResultOf } from '../contract/methods'
import { RequestMessage, type ResponseMessage } from '../contract/wire'
import type { ClientChannel } from './channels/channel'

export interface ClientContext {
  readonly clientId: string
  readonly channel: ClientChannel
  subscribed: boolean
}

export type Handler<M extends MethodName> = (
  params: z.output<Methods[M]['params']>,
  client: ClientContext
) => Promise<ResultOf<M>> | ResultOf<M>

export type HandlerTable = { [M in MethodName]: Handler<M> }

export interface ContractServerOptions {
  handlers: HandlerTable
  onClientClosed?: (client: ClientContext) => void
  log?: (line: string) => void
}

export class ContractServer {
  private readonly clients = new Map<string, ClientContext>()

  constructor(private readonly options: ContractServerOptions) {}

  get clientCount(): number {
    return this.clients.size
  }

  attach(channel: ClientChannel): ClientContext {
    const client: ClientContext = { clientId: randomUUID(), channel, subscribed: false }
    this.clients.set(client.clientId, client)
    channel.onMessage((data) => void this.handle(client, data))
    channel.onClose(() => {
      this.clients.delete(client.clientId)
      this.options.onClientClosed?.(client)
    })
    return client
  }

  /** Push an event to every subscribed client. */
  broadcast<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const client of this.clients.values()) {
      if (client.subscribed) client.channel.send({ type: 'event', event, payload })
    }
  }

  closeAll(): void {
    for (const client of this.clients.values()) client.channel.close()
    this.clients.clear()
  }

  private async handle(client: ClientContext, data: unknown): Promise<void> {
    const decoded = decode(data)
    if ('error' in decoded) {
      client.channel.send({ type: 'response', id: decoded.id, ok: false, error: decoded.error })
      return
    }
    const { id, method, params } = decoded
    let response: ResponseMessage
    try {
      const result = await this.dispatch(method, params, client)
      response = { type: 'response', id, ok: true, result }
    } catch (error) {
      response = { type: 'response', id, ok: false, error: toErrorData(error, this.options.log) }
    }
    client.channel.send(response)
  }

  private async dispatch(method: string, params: unknown, client: ClientContext): Promise<unknown> {
    if (!isMethodName(method)) throw new ContractError('UNKNOWN_METHOD', `Unknown method "${method}".`, { method })
    const schema = methods[method].params
    const parsed = schema.safeParse(params ?? {})
    if (!parsed.success) throw badInput(parsed.error, 'params')
    const handler = this.options.handlers[method] as Handler<typeof method>
    return handler(parsed.data as never, client)
  }
}

type Decoded = { id: number; method: string; params: unknown } | { id: number | null; error: ContractErrorData }

function decode(data: unknown): Decoded {
  let value = data
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data)
    } catch {
      return { id: null, error: { code: 'BAD_INPUT', message: 'The message is not valid JSON.', details: { path: '' } } }
    }
  }
  const parsed = RequestMessage.safeParse(value)
  if (!parsed.success) {
    const id = typeof (value as { id?: unknown })?.id === 'number' ? (value as { id: number }).id : null
    return { id, error: badInput(parsed.error).toData() }
  }
  return { id: parsed.data.id, method: parsed.data.method, params: parsed.data.params }
}

function badInput(error: z.ZodError, prefix?: string): ContractError {
  const issues = error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message
  }))
  const first = issues[0] ?? { path: prefix ?? '', message: 'invalid' }
  return new ContractError('BAD_INPUT', `Invalid ${first.path || 'message'}: ${first.message}`, {
    path: first.path,
    issues
  })
}

function toErrorData(error: unknown, log?: (line: string) => void): ContractErrorData {
  if (error instanceof ContractError) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  log?.(`internal error: ${error instanceof Error ? (error.stack ?? message) : message}`)
  return { code: 'INTERNAL', message: `Unexpected host error: ${message}` }
}
