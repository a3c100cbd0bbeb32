export { buildGraph, type BuildGraphResult, type ContentFile } from './build-graph.js'
export { errors, type RuleId, type Severity } from './errors.js'
export { compareMessages, formatMessage, hasErrors, type ContentMessage } from './messages.js'
export { slug } from './slug.js'
