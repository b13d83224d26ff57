-- Config & Secrets: environments, key types, project revision, per-project data keys, encrypted secrets.
-- Config versions become project-wide revisions (unique per project). Until now only the base environment
-- had versions, so existing numbers are already unique per project.

-- DropIndex
DROP INDEX "ConfigVersion_projectId_environment_version_key";

-- AlterTable
ALTER TABLE "ConfigVersion" ADD COLUMN     "restoredFrom" INTEGER;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "configRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "secretsRevision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ConfigEnvironment" (
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "protected" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConfigEnvironment_pkey" PRIMARY KEY ("projectId","name")
);

-- CreateTable
CREATE TABLE "ConfigKeyType" (
    "projectId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConfigKeyType_pkey" PRIMARY KEY ("projectId","key")
);

-- CreateTable
CREATE TABLE "ProjectDataKey" (
    "projectId" UUID NOT NULL,
    "kekId" TEXT NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rewrappedAt" TIMESTAMP(3),

    CONSTRAINT "ProjectDataKey_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "Secret" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "ciphertext" BYTEA NOT NULL,
    "previousVersion" INTEGER,
    "previousCiphertext" BYTEA,
    "previousExpiresAt" TIMESTAMP(3),
    "rotationDays" INTEGER,
    "lastRotatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Secret_projectId_name_key" ON "Secret"("projectId", "name");

-- CreateIndex
CREATE INDEX "ConfigVersion_projectId_environment_version_idx" ON "ConfigVersion"("projectId", "environment", "version" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ConfigVersion_projectId_version_key" ON "ConfigVersion"("projectId", "version");

-- AddForeignKey
ALTER TABLE "ConfigEnvironment" ADD CONSTRAINT "ConfigEnvironment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConfigKeyType" ADD CONSTRAINT "ConfigKeyType_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectDataKey" ADD CONSTRAINT "ProjectDataKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Secret" ADD CONSTRAINT "Secret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data: the project revision continues after the newest existing version.
UPDATE "Project" p SET "configRevision" = COALESCE((SELECT MAX(v."version") FROM "ConfigVersion" v WHERE v."projectId" = p."id"), 0);
