/**
 * Drive a running quizgraph API with a simulated population (irt.ts): read
 * every question with its key, then for each learner start an exam, answer
 * it and grade it (with an attempt id), a few attempts in flight at once.
 * Returns what was sent, for checking the statistics the server stored.
 */
import { population, respond, type Population, type SimQuestion } from './irt.js'

export interface DriveOptions {
  base: string
  bank: string
  learners: number
  /** Questions per exam; 0: every question of the bank. */
  size: number
  seed: number
  /** Every candidate takes the same exam (one fixed form) instead of an exam of their own. */
  fixedForm?: boolean
  /** Attempts in flight at once. */
  concurrency?: number
  headers?: Record<string, string>
  /** Grade the first N attempts a second time, as a client retrying would: they must not count twice. */
  retries?: number
}

export interface Drive {
  population: Population
  questions: SimQuestion[]
  /** Per attempt: the score and, per question, whether the key was sent. */
  attempts: Array<{ theta: number; score: number; items: Map<string, boolean> }>
  ms: number
}

async function json(response: Response, what: string): Promise<any> {
  const text = await response.text()
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`)
  return JSON.parse(text)
}

export async function readQuestions(base: string, bank: string, headers: Record<string, string> = {}): Promise<SimQuestion[]> {
  const questions: SimQuestion[] = []
  let cursor: string | null = null
  do {
    const page: any = await json(await fetch(`${base}/v1/banks/${bank}/questions?limit=100&reveal=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers }), 'questions')
    for (const item of page.items) {
      for (const q of item.type === 'case-study' ? item.questions : [item]) {
        questions.push({ id: q.id, type: q.type, answer: q.answer, options: (q.options ?? q.choices).map((o: { id: string }) => o.id) })
      }
    }
    cursor = page.nextCursor
  } while (cursor)
  return questions
}

export async function drive(options: DriveOptions): Promise<Drive> {
  const { base, bank, headers = {} } = options
  const all = await readQuestions(base, bank, headers)
  // 0: as many questions as an exam of the bank may hold (every question a mock exam can draw).
  const detail = (await (await fetch(`${base}/v1/banks/${bank}`, { headers })).json()) as { counts: { examQuestions: number } }
  const size = options.size === 0 ? detail.counts.examQuestions : options.size
  const post = (path: string, body: unknown) =>
    fetch(`${base}/v1/banks/${bank}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  // Exams first: the population (with its planted faults) is drawn over the questions they ask,
  // so a planted fault is never on a drill that no mock exam draws.
  const learners = options.learners
  const started = performance.now()
  const exams = new Map<number, any>()
  const attempts: Drive['attempts'] = []
  let next = 0
  let resolveFirst: (exam: unknown) => void = () => {}
  const firstExam = new Promise<any>((resolve) => (resolveFirst = resolve))
  const fetcher = async () => {
    while (next < learners) {
      const i = next++
      const seed = (options.fixedForm ? options.seed : options.seed * 100_003 + i) % 4294967295
      const exam = options.fixedForm && i > 0 ? await firstExam : await json(await post('/exams', { seed, size }), 'exam')
      if (i === 0) resolveFirst(exam)
      exams.set(i, exam)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, fetcher))
  const asked = new Set<string>()
  for (const exam of exams.values()) for (const item of exam.items) for (const q of item.type === 'case-study' ? item.questions : [item]) asked.add(q.id)
  const questions = all.filter((q) => asked.has(q.id))
  const byId = new Map(questions.map((q) => [q.id, q]))
  const pop = population(questions, learners, options.seed)
  // Responses are drawn in learner order, so the run is the same whatever the concurrency.
  const planned: Array<{ theta: number; responses?: Record<string, unknown>; items?: Map<string, boolean> }> = pop.abilities.map((theta) => ({ theta }))
  for (let i = 0; i < planned.length; i++) {
    const plan = planned[i]!
    const responses: Record<string, unknown> = {}
    const items = new Map<string, boolean>()
    for (const item of exams.get(i).items) {
      for (const shown of item.type === 'case-study' ? item.questions : [item]) {
        const answer = respond(pop, plan.theta, byId.get(shown.id)!)
        responses[shown.id] = answer.response
        items.set(shown.id, answer.key)
      }
    }
    plan.responses = responses
    plan.items = items
  }
  next = 0
  const grader = async () => {
    while (next < planned.length) {
      const i = next++
      const plan = planned[i]!
      const body = { responses: plan.responses, attemptId: `simulated-${options.seed}-${i}` }
      const grade = await json(await post(`/exams/${exams.get(i).id}/grade`, body), 'grade')
      if (i < (options.retries ?? 0)) await json(await post(`/exams/${exams.get(i).id}/grade`, body), 'grade retry')
      attempts[i] = { theta: plan.theta, score: grade.rawScore, items: plan.items! }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, grader))
  return { population: pop, questions, attempts, ms: performance.now() - started }
}
