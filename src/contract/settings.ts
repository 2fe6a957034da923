// App settings (language, theme, polling, privacy, notifications) and stored credentials.
import { z } from 'zod'

export const settingsMethods = {} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>

export const settingsEvents = {} as const satisfies Record<string, z.ZodType>
