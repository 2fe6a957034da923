// Field-technician tools: antenna alignment and the diagnostics bundle.
import { z } from 'zod'

export const diagnosticsMethods = {} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>

export const diagnosticsEvents = {} as const satisfies Record<string, z.ZodType>
