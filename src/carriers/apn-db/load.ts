// Reading resources/apn/apn-db.json at run time: parse, validate against the schema, report a clear error
// naming the file and the JSON path instead of trusting a truncated or hand-edited file.
import { readFile } from 'node:fs/promises'
import { err, ok, type Result } from '../result'
import { ApnDb } from './schema'
import { formatIssuePath } from '../zod-issues'

export interface ApnDbLoadError {
  kind: 'unreadable' | 'invalid-json' | 'invalid-db'
  file: string
  message: string
}

export function parseApnDbText(text: string, file: string): Result<ApnDb, ApnDbLoadError> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return err({ kind: 'invalid-json', file, message: `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})` })
  }
  const parsed = ApnDb.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    return err({ kind: 'invalid-db', file, message: `${file}: not an APN database this version understands (${first.join('; ')})` })
  }
  return ok(parsed.data)
}

export async function loadApnDb(file: string): Promise<Result<ApnDb, ApnDbLoadError>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return err({ kind: 'unreadable', file, message: `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})` })
  }
  return parseApnDbText(text, file)
}
