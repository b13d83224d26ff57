-- CreateTable
CREATE TABLE "ProjectIntegration" (
    "projectId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "secretVersion" INTEGER NOT NULL,
    "secretCiphertext" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "rotatedAt" TIMESTAMPTZ(3),
    "rotatedById" UUID,
    "lastReceivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProjectIntegration_pkey" PRIMARY KEY ("projectId","kind")
);

-- CreateTable
CREATE TABLE "IntegrationDelivery" (
    "projectId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT,
    "incidentId" UUID,

    CONSTRAINT "IntegrationDelivery_pkey" PRIMARY KEY ("projectId","kind","eventId")
);

-- CreateIndex
CREATE INDEX "IntegrationDelivery_projectId_kind_receivedAt_idx" ON "IntegrationDelivery"("projectId", "kind", "receivedAt");

-- AddForeignKey
ALTER TABLE "ProjectIntegration" ADD CONSTRAINT "ProjectIntegration_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationDelivery" ADD CONSTRAINT "IntegrationDelivery_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

