// labels.render: a PDF (any number of units) or a PNG (a few: one tall image) of labels or cards.
import { ContractError } from '../../contract/errors'
import type { RenderedFile } from '../../contract/shop'
import { cardPages, labelPages, type LabelUnit } from './layout'
import { writePdf } from './pdf-writer'
import { encodePng, renderPages } from './png-writer'

/** A PNG is one image: past this many units it gets too large to open comfortably. */
export const PNG_MAX_UNITS = 20

export interface RenderLabelsOptions {
  format: 'pdf' | 'png'
  layout: 'label' | 'card'
  now: number
}

export function renderLabels(units: readonly LabelUnit[], options: RenderLabelsOptions): RenderedFile {
  if (units.length === 0) throw new ContractError('BAD_INPUT', 'Pick at least one unit to print.')
  if (options.format === 'png' && units.length > PNG_MAX_UNITS) {
    throw new ContractError('BAD_INPUT', `A PNG holds at most ${PNG_MAX_UNITS} units; pick fewer or choose PDF.`, {
      path: 'unitKeys',
      max: PNG_MAX_UNITS
    })
  }
  const pages = options.layout === 'card' ? cardPages(units) : labelPages(units)
  const stamp = new Date(options.now).toISOString().slice(0, 10)
  const name = `${options.layout === 'card' ? 'cards' : 'labels'}-${stamp}`
  if (options.format === 'pdf') return { fileName: `${name}.pdf`, mimeType: 'application/pdf', base64: writePdf(pages).toString('base64') }
  return { fileName: `${name}.png`, mimeType: 'image/png', base64: encodePng(renderPages(pages)).toString('base64') }
}
