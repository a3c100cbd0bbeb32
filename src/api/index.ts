export { createApp, openApiDocument, apiVersion, type ApiOptions, type App, type BankEntry, type DocsAssets } from './app.js'
export { catalog as problemCatalog, Problem, ProblemError } from './problems.js'
