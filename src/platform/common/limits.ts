/**
 * What one request may ask of the server. The defaults were chosen by measurement: every query of the
 * README and the tests, and a national dashboard over 80 förbund, pass with room to spare (README, "Limits
 * and errors").
 */
export interface Limits {
  /** Bytes of a GraphQL document, checked before it is parsed. */
  maxDocumentBytes: number;
  /** Lexical tokens of a document; the parser stops at this many. */
  maxTokens: number;
  /** Nesting of fields (introspection is not counted). */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Computed cost: every field 1, a list field's selection times the rows it can return. */
  maxCost: number;
  /** Bytes of a request body without a valid API key. */
  maxBodyBytes: number;
  /** Bytes of a request body with a valid API key (an importReport with its CSV files). */
  maxImportBodyBytes: number;
  /** Bytes of a GraphQL response; a larger answer is replaced by RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Deadline of a read request; its SQL is cancelled then too (PostgreSQL statement_timeout). */
  requestTimeoutMs: number;
  /** Deadline of a write (import) request. */
  importTimeoutMs: number;
  /** Cost points a client (its API key, else its address) may spend a minute; 0 turns the budget off. */
  costBudget: number;
  /** Requests one client may have in flight at once (in each process); 0 = no cap. */
  maxInFlight: number;
  /** Operations costing at least this go through the heavy lane, one at a time per lane place. */
  heavyCost: number;
  /** Heavy operations and charts running at once in a process; the rest wait their turn. */
  heavyLane: number;
  /** Heavy work that may wait for the lane in a process; more is refused at once with 429 SERVER_BUSY. */
  heavyQueue: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDocumentBytes: 20_000,
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxCost: 100_000,
  maxBodyBytes: 100_000,
  maxImportBodyBytes: 8_000_000,
  maxResponseBytes: 10_000_000,
  requestTimeoutMs: 10_000,
  importTimeoutMs: 300_000,
  costBudget: 1_000_000,
  maxInFlight: 4,
  heavyCost: 10_000,
  heavyLane: 1,
  heavyQueue: 8,
};

/** Environment variable of each limit. */
export const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  maxDocumentBytes: 'FINSAM_MAX_DOCUMENT_BYTES',
  maxTokens: 'FINSAM_MAX_TOKENS',
  maxDepth: 'FINSAM_MAX_DEPTH',
  maxAliases: 'FINSAM_MAX_ALIASES',
  maxDirectives: 'FINSAM_MAX_DIRECTIVES',
  maxCost: 'FINSAM_MAX_COST',
  maxBodyBytes: 'FINSAM_MAX_BODY_BYTES',
  maxImportBodyBytes: 'FINSAM_MAX_IMPORT_BODY_BYTES',
  maxResponseBytes: 'FINSAM_MAX_RESPONSE_BYTES',
  requestTimeoutMs: 'FINSAM_REQUEST_TIMEOUT_MS',
  importTimeoutMs: 'FINSAM_IMPORT_TIMEOUT_MS',
  costBudget: 'FINSAM_COST_BUDGET',
  maxInFlight: 'FINSAM_MAX_IN_FLIGHT',
  heavyCost: 'FINSAM_HEAVY_COST',
  heavyLane: 'FINSAM_HEAVY_LANE',
  heavyQueue: 'FINSAM_HEAVY_QUEUE',
};
