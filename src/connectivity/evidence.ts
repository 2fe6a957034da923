// The shape every finding of this module carries: a stable key the renderer can translate, and an English
// sentence that says what was seen (STYLE.md "Errors users can act on").

export interface Evidence {
  /** Stable, e.g. 'probe-redirect', 'data-failure', 'default-route'. */
  key: string
  text: string
}

export type Confidence = 'high' | 'medium' | 'low'
