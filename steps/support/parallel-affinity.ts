import { setParallelCanAssign } from '@cucumber/cucumber';
import { SCHEDULE_ENV, decodePlan } from '../../harness/schedule/schedule-plan.js';
import { TopologyAffinity } from '../../harness/schedule/topology-affinity.js';
import { poolSize } from './settings.js';

/**
 * In a parallel run started by `wanlab test|conformance`, keep each topology's scenarios on
 * the worker that already runs it (see TopologyAffinity). Only the coordinator asks; without
 * a plan (plain cucumber-js) scenarios go to any idle worker.
 */
const plan = process.env[SCHEDULE_ENV];
if (plan) {
  const affinity = new TopologyAffinity(decodePlan(plan), poolSize());
  setParallelCanAssign((pickle, running) => affinity.canAssign(pickle, running));
}
