-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('success', 'error', 'timeout');

-- CreateTable
CREATE TABLE "LlmRequest" (
    "projectId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" UUID,
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "errorMessage" TEXT,
    "latencyMs" INTEGER NOT NULL,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "totalTokens" INTEGER NOT NULL,
    "costUsd" DECIMAL(14,6),
    "riskScore" INTEGER NOT NULL,
    "riskFactors" JSONB NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "endUserId" TEXT,
    "endpoint" TEXT,
    "metadata" JSONB,
    "search" tsvector,

    CONSTRAINT "LlmRequest_pkey" PRIMARY KEY ("projectId","id")
);

-- CreateTable
CREATE TABLE "RequestRollupHourly" (
    "projectId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "timeouts" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "totalTokens" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,6) NOT NULL DEFAULT 0,
    "unpricedRequests" INTEGER NOT NULL DEFAULT 0,
    "riskScoreSum" BIGINT NOT NULL DEFAULT 0,
    "latencyBuckets" INTEGER[],

    CONSTRAINT "RequestRollupHourly_pkey" PRIMARY KEY ("projectId","hour","model")
);

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_timestamp_id_idx" ON "LlmRequest"("projectId", "timestamp" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_latencyMs_id_idx" ON "LlmRequest"("projectId", "latencyMs", "id");

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_riskScore_id_idx" ON "LlmRequest"("projectId", "riskScore", "id");

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_model_timestamp_id_idx" ON "LlmRequest"("projectId", "model", "timestamp" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_endUserId_timestamp_idx" ON "LlmRequest"("projectId", "endUserId", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_endpoint_timestamp_idx" ON "LlmRequest"("projectId", "endpoint", "timestamp" DESC);

-- CreateIndex
CREATE INDEX "LlmRequest_search_idx" ON "LlmRequest" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "LlmRequest" ADD CONSTRAINT "LlmRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestRollupHourly" ADD CONSTRAINT "RequestRollupHourly_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
