-- Where PostgreSQL's time goes when ingest writes LlmRequest rows (docs/benchmarks.md, "Observations").
-- Run against a database that holds seeded requests, e.g. one kept with BENCH_KEEP_DB=1 or filled by
-- `pnpm seed:demo --database-url ...`:   psql "$URL" -f bench/sql/insert-cost.sql
-- Every variant inserts copies (new ids) of the same 1,000 random existing rows, the way the group
-- committer does (one INSERT ... SELECT, tsvector computed in SQL), inside a transaction that is rolled
-- back, so the database is left unchanged. Compare "Execution Time" and the WAL volume between variants.
\pset pager off
CREATE TEMP TABLE src AS SELECT * FROM "LlmRequest" ORDER BY random() LIMIT 1000;
SELECT count(*) AS rows, avg(length(prompt))::int AS avg_prompt_chars, max(length(prompt)) AS max_prompt_chars, avg(length(response))::int AS avg_response_chars FROM src;

\echo === warm-up (production INSERT, not compared)
BEGIN;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", to_tsvector('english', left(prompt, 20000) || ' ' || left(response, 20000)) FROM src;
ROLLBACK;

\echo === tsvector alone: to_tsvector over the same 1,000 rows, no insert
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) SELECT to_tsvector('english', left(prompt, 20000) || ' ' || left(response, 20000)) FROM src;

\echo === A: the production INSERT: heap + TOAST, tsvector, GIN, 6 btree indexes, primary key
BEGIN;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", to_tsvector('english', left(prompt, 20000) || ' ' || left(response, 20000)) FROM src;
ROLLBACK;

\echo === B: no tsvector (search NULL: no GIN entries)
BEGIN;
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", NULL FROM src;
ROLLBACK;

\echo === C: tsvector computed and stored, GIN index dropped
BEGIN;
DROP INDEX "LlmRequest_search_idx";
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", to_tsvector('english', left(prompt, 20000) || ' ' || left(response, 20000)) FROM src;
ROLLBACK;

\echo === D: primary key only, no tsvector
BEGIN;
DROP INDEX "LlmRequest_search_idx", "LlmRequest_projectId_timestamp_id_idx", "LlmRequest_projectId_latencyMs_id_idx", "LlmRequest_projectId_riskScore_id_idx", "LlmRequest_projectId_model_timestamp_id_idx", "LlmRequest_projectId_endUserId_timestamp_idx", "LlmRequest_projectId_endpoint_timestamp_idx";
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", NULL FROM src;
ROLLBACK;

\echo === E: the production INSERT with the GIN index switched to fastupdate = off (no pending list)
BEGIN;
ALTER INDEX "LlmRequest_search_idx" SET (fastupdate = off);
EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, WAL) INSERT INTO "LlmRequest" ("projectId","id","timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata","search") SELECT "projectId", gen_random_uuid(), "timestamp","apiKeyId","model","prompt","response","status","errorMessage","latencyMs","promptTokens","completionTokens","totalTokens","costUsd","riskScore","riskFactors","flagged","endUserId","endpoint","metadata", to_tsvector('english', left(prompt, 20000) || ' ' || left(response, 20000)) FROM src;
ROLLBACK;
