// The envelope every message travels in, over a MessagePort or a WebSocket alike.
import { z } from 'zod'
import { type ContractErrorSchema } from './model'

export const RequestMessage = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  params: z.unknown().optional()
})
export type RequestMessage = z.infer<typeof RequestMessage>

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number | null; ok: false; error: z.infer<typeof ContractErrorSchema> }

export interface EventMessage {
  type: 'event'
  event: string
  payload: unknown
}

export type HostMessage = ResponseMessage | EventMessage
