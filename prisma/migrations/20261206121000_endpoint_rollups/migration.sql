-- CreateTable
CREATE TABLE "RequestRollupEndpointHourly" (
    "projectId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "endpoint" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "latencySumMs" BIGINT NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(18,6) NOT NULL DEFAULT 0,
    "latencyBuckets" INTEGER[],

    CONSTRAINT "RequestRollupEndpointHourly_pkey" PRIMARY KEY ("projectId","hour","endpoint")
);

-- AddForeignKey
ALTER TABLE "RequestRollupEndpointHourly" ADD CONSTRAINT "RequestRollupEndpointHourly_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

