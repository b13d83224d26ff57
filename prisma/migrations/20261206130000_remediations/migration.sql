-- CreateEnum
CREATE TYPE "RemediationStatus" AS ENUM ('applied', 'failed', 'rolled_back', 'expired');

-- CreateEnum
CREATE TYPE "RemediationSource" AS ENUM ('manual', 'recommended', 'automatic');

-- AlterEnum
ALTER TYPE "RequestStatus" ADD VALUE 'blocked';

-- AlterTable
ALTER TABLE "LlmRequest" ADD COLUMN     "enforcement" TEXT,
ADD COLUMN     "enforcementReasons" JSONB,
ADD COLUMN     "requestedModel" TEXT;

-- AlterTable
ALTER TABLE "RequestRollupEndpointHourly" ADD COLUMN     "blocked" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "RequestRollupHourly" ADD COLUMN     "blocked" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Remediation" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "environment" TEXT NOT NULL,
    "status" "RemediationStatus" NOT NULL,
    "source" "RemediationSource" NOT NULL,
    "configVersion" INTEGER,
    "appliedById" UUID,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "rolledBackAt" TIMESTAMPTZ(3),
    "rolledBackById" UUID,
    "rollbackVersion" INTEGER,
    "verifyAt" TIMESTAMPTZ(3),
    "metadata" JSONB NOT NULL,

    CONSTRAINT "Remediation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Remediation_projectId_appliedAt_id_idx" ON "Remediation"("projectId", "appliedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Remediation_incidentId_appliedAt_idx" ON "Remediation"("incidentId", "appliedAt" DESC);

-- CreateIndex
CREATE INDEX "Remediation_status_expiresAt_idx" ON "Remediation"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Remediation_status_verifyAt_idx" ON "Remediation"("status", "verifyAt");

-- CreateIndex
CREATE INDEX "LlmRequest_projectId_enforcement_timestamp_idx" ON "LlmRequest"("projectId", "enforcement", "timestamp" DESC);

-- AddForeignKey
ALTER TABLE "Remediation" ADD CONSTRAINT "Remediation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Remediation" ADD CONSTRAINT "Remediation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

