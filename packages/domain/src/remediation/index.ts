export * from "./remediation.schema";
export { applyAction, applyRemediation, expireDueRemediations, listIncidentRemediations, listProjectRemediations, revertRemediation, rollbackRemediation, sweepRemediations } from "./remediation.service";
export { blockingThreshold, describeAction, planRemediation } from "./remediation-plan";
export * from "./enforcement.schema";
export * from "./guard-check.schema";
export { checkGuard } from "./guard-check.service";
export { guardPolicyFor } from "./guard-policy";
