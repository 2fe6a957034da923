// zod issue paths as people read them: ["flows", 0, "steps", 2, "id"] → "flows[0].steps[2].id".

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(top level)' : out
}
