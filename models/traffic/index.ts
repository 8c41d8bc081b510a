// the simulation file and its compiled plan
export {MAX_PERIOD_DAYS, parseSimulationConfig} from "./simulation-config.ts";
export type {SimulationConfig} from "./simulation-config.ts";
export {trafficBlockSchema, userSessionsSchema} from "./traffic-block.ts";
export type {TrafficBlock} from "./traffic-block.ts";
export {compileTrafficPlan} from "./compile-traffic-plan.ts";
export {SOURCE_KIND} from "./traffic-plan.ts";
export type {
  ArrivalSource,
  BusinessPlan,
  CampaignPlan,
  FollowUpPlan,
  PopulationPlan,
  TrafficPlan,
} from "./traffic-plan.ts";
// populations and numbers
export {populationSchema} from "./population.ts";
export type {PopulationSpec} from "./population.ts";
export {loadNumberingPlans} from "./numbering-plan.ts";
export type {NumberingPlan, NumberingPlans} from "./numbering-plan.ts";
export {createNumberLeads, createNumberSequence, numberCapacity} from "./number-sequence.ts";
// time: local clocks, activity profiles, spikes, working hours
export {
  clockOffsetMs,
  createLocalClock,
  dayOfLocal,
  hourOfLocal,
  instantOfLocal,
  localMs,
  offsetAt,
  weekdayOfLocal,
} from "./local-clock.ts";
export type {LocalClock} from "./local-clock.ts";
export {
  ACTIVITY_PROFILE_NAMES,
  activityProfileSchema,
  maybeActivityProfile,
} from "./activity-profile.ts";
export type {ActivityProfile, ActivityProfileName} from "./activity-profile.ts";
export {createHourlyRates, rateMultiplierAt} from "./hourly-rates.ts";
export type {HourlyRates} from "./hourly-rates.ts";
export {seasonalSpikeSchema, SPIKE_TARGETS, spikeMultiplier} from "./seasonal-spike.ts";
export type {SeasonalSpike, SpikeTarget} from "./seasonal-spike.ts";
export {nextWorkingMs, workingHoursSchema} from "./working-hours.ts";
export type {WorkingHours} from "./working-hours.ts";
export {durationSchema, lognormalDelaySchema, parseDurationMs} from "./duration.ts";
export type {LognormalDelay} from "./duration.ts";
export {instantSchema, parseInstantMs} from "./instant.ts";
// user-initiated sessions
export {DAYS_PER_MONTH, organicSessionsPerDay, organicSessionsSchema} from "./organic-sessions.ts";
export type {OrganicSessions} from "./organic-sessions.ts";
export {ctwaAdSessionsSchema, ctwaSessionsPerDay} from "./ctwa-ad-sessions.ts";
export type {CtwaAdSessions} from "./ctwa-ad-sessions.ts";
export {pageCtaSessionsPerDay, pageCtaSessionsSchema} from "./page-cta-sessions.ts";
export type {PageCtaSessions} from "./page-cta-sessions.ts";
export {sessionShapeFields, sessionShapeSchema} from "./session-shape.ts";
export type {SessionShape} from "./session-shape.ts";
export {replyLatencySchema} from "./reply-latency.ts";
export type {ReplyLatency} from "./reply-latency.ts";
export {MESSAGE_TYPES, typeWeightsSchema} from "./message-types.ts";
export type {MessageType, NonTemplateType} from "./message-types.ts";
// business-initiated traffic
export {campaignOccurrences, marketingCampaignSchema} from "./marketing-campaign.ts";
export type {MarketingCampaign} from "./marketing-campaign.ts";
export {
  frequencyCapSchema,
  marketingLimitsSchema,
  US_MARKETING_BLOCKED_FROM_DAY,
} from "./marketing-limits.ts";
export type {FrequencyCap, MarketingLimits} from "./marketing-limits.ts";
export {orderNotificationsSchema} from "./order-notifications.ts";
export type {OrderNotifications} from "./order-notifications.ts";
export {authenticationFlowsSchema} from "./authentication-flows.ts";
export type {AuthenticationFlows} from "./authentication-flows.ts";
export {FOLLOW_UP_TRIGGER, FOLLOW_UP_TRIGGERS, followUpSchema} from "./follow-ups.ts";
export type {FollowUp, FollowUpTrigger} from "./follow-ups.ts";
// failures
export {deliveryFailuresSchema, failureRateFor} from "./delivery-failures.ts";
export type {DeliveryFailures} from "./delivery-failures.ts";
