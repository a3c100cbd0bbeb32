/**
 * `npx tsx src/cli/preview.ts <model-id> [count]`: an author's look at one
 * decision model — its file's messages, how many items each type yields,
 * options no fact set makes the key, and sample items with feedback. Writes
 * nothing. When other files of the bank do not build, the model is previewed
 * alone with the bank's facts, catalog and qualifiers and a neutral frame.
 */
import { pathToFileURL } from 'node:url'
import { indexGraph } from '../bank/graph-index.js'
import { layout } from '../bank/layout.js'
import { candidatesFor, pickCandidates, perModel, scenarioItems } from '../bank/scenario.js'
import { caseStudies } from '../bank/case-study.js'
import { buildGraph, formatMessage, type ContentFile } from '../content/index.js'
import type { Graph } from '../graph/schema.js'
import { readContent } from './generate.js'

function modelFile(files: readonly ContentFile[], id: string): ContentFile | undefined {
  return files.find((file) => new RegExp(`<!--\\s*quizgraph model[^>]*\\bid:\\s*${id}\\s*$`, 'm').test(file.text))
}

/** The bank without other models, frames replaced by one neutral frame hosting `id`. */
function alone(files: readonly ContentFile[], target: ContentFile, id: string): ContentFile[] {
  return files
    .filter((file) => file === target || !/<!--\s*quizgraph (model|features|facts)\b/.test(file.text))
    .map((file) =>
      /<!--\s*quizgraph frames/.test(file.text)
        ? {
            ...file,
            text: file.text.replace(
              /(<!--\s*quizgraph frames\s*-->\s*\n\|[^\n]*\n\|[^\n]*\n)(\|[^\n]*\n?)*/,
              `$1| preview | A company | runs a machine learning workload | ${id} |\n`,
            ),
          }
        : file,
    )
}

function show(graph: Graph, id: string, count: number): void {
  const model = graph.models.find((item) => item.key === id)
  if (model === undefined) return void process.stdout.write(`no model ${id} in the graph\n`)
  const index = indexGraph(graph)
  for (const type of ['single', 'multiple'] as const) {
    if (type === 'multiple' && model.questionMultiple === undefined) continue
    const all = candidatesFor(model, graph.qualifiers, type)
    const picked = pickCandidates(all, perModel[type])
    const keys = new Map<string, number>()
    for (const candidate of picked) {
      const name = candidate.keys.map((option) => index.answer(option.answer).name).join(' + ')
      keys.set(name, (keys.get(name) ?? 0) + 1)
    }
    process.stdout.write(`${type}: ${all.length} valid fact sets, ${picked.length} picked; keys: ${[...keys].map(([k, n]) => `${k} ×${n}`).join(', ')}\n`)
  }
  // A model no frame hosts yet is previewed in a neutral frame.
  const hosted = graph.frames.some((frame) => frame.models.includes(model.id))
  const frames = hosted ? graph.frames : [{ id: 'preview', organisation: 'A company', situation: 'runs a machine learning workload', models: [model.id], facts: [], excludes: [], source: model.source }]
  const drafts = scenarioItems(index, { ...graph, models: [model], frames })
  const items = layout(drafts)
  const cases = layout(caseStudies(index)).filter((item) => item.type === 'case-study' && item.ruleIds.includes(model.id))
  process.stdout.write(`items written: ${items.length}; case studies using it: ${cases.length}\n`)
  for (const item of [...items.slice(0, count), ...cases.slice(0, 1)]) {
    process.stdout.write(`\n[${item.type}] ${item.id} (${item.difficulty})\n`)
    if (item.type === 'case-study') {
      process.stdout.write(`${item.scenario}\n`)
      for (const question of item.questions) {
        process.stdout.write(`  Q: ${question.stem}\n`)
        for (const option of question.options) process.stdout.write(`   ${question.answer.includes(option.id) ? '*' : ' '} ${option.text}\n`)
      }
      continue
    }
    if (item.type !== 'single' && item.type !== 'multiple') continue
    process.stdout.write(`${item.stem}  (${item.stem.split(/\s+/).length} words)\n`)
    for (const option of item.options) {
      process.stdout.write(`  ${item.answer.includes(option.id) ? '*' : ' '} ${option.text}\n      ${option.feedback}\n`)
    }
    process.stdout.write(`  Explanation: ${item.explanation.correct}\n`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [id, countText] = process.argv.slice(2)
  if (id === undefined) {
    process.stderr.write('usage: npx tsx src/cli/preview.ts <model-id> [count]\n')
    process.exit(2)
  }
  const all = readContent(process.cwd())
  const target = modelFile(all, id)
  if (target === undefined) {
    process.stderr.write(`no file declares model ${id}\n`)
    process.exit(1)
  }
  const bank = target.path.split('/')[1] ?? ''
  const files = all.filter((file) => file.path.startsWith(`content/${bank}/`))
  let result = buildGraph(files, { bank })
  if (result.graph === undefined) {
    const others = result.messages.filter((message) => message.severity === 'error' && message.file !== target.path)
    if (others.length > 0) {
      process.stdout.write(`(${others.length} errors in other files: previewing ${id} alone)\n`)
      result = buildGraph(alone(files, target, id), { bank })
    }
  }
  for (const message of result.messages) if (message.file === target.path) process.stdout.write(formatMessage(message) + '\n')
  if (result.graph === undefined) {
    for (const message of result.messages) if (message.severity === 'error' && message.file !== target.path) process.stdout.write(formatMessage(message) + '\n')
    process.stdout.write('not built: fix the errors above\n')
    process.exit(1)
  }
  show(result.graph, id, Number(countText ?? 4))
}
