export {
  importFile, IMPORT_KINDS, DEFAULT_BATCH, MAX_BATCH, markInterruptedImports, listImportRuns,
  type ImportKind, type ImportRun, type ImportOptions, type ImportSummary, type ImportProgress,
} from './run.ts';
export { formatSummary } from './summary.ts';
export {
  upsertCustomers, type CustomerUpsertItem, type CustomerUpsertResult, type CustomerProfileInput, type Gender,
} from './customers-upsert.ts';
export { ORDER_COLUMNS } from './orders.ts';
export { CUSTOMER_COLUMNS } from './customers.ts';
// The file-reading parts, for other domains' file paths (shop order files).
export { openTextSource, csvRecords, parseEncodingChoice, ENCODING_CHOICES, type CsvRecord, type EncodingChoice } from './reading.ts';
export { readHeader, rowValues, type CsvSpec } from './csv-header.ts';
export { ErrorReport, type RowProblem } from './error-report.ts';
