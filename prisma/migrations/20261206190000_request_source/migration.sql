-- Issue 13: who logged a call (api = REST ingest and the SDKs, gateway = the OpenAI-compatible gateway).
-- A constant default: PostgreSQL 11+ adds the column without rewriting the table.
ALTER TABLE "LlmRequest" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'api';
