export * from "./remediation.schema";
export { applyAction, applyRemediation, expireDueRemediations, judgeDueWatches, listIncidentRemediations, listProjectRemediations, revertRemediation, rollbackRemediation, sweepRemediations } from "./remediation.service";
export { blockingThreshold, describeAction, planRemediation } from "./remediation-plan";
export * from "./enforcement.schema";
export * from "./guard-check.schema";
export { checkGuard, decideOnServer } from "./guard-check.service";
export { guardPolicyFor } from "./guard-policy";
export { automateRemediation, readAutomationSettings, type AutomationOutcome, type AutomationSettings } from "./remediation-automation";
export { judgeWatch, measureMetric, WATCH_METRIC_OF, WATCH_MIN_SAMPLES } from "./remediation-watch";
