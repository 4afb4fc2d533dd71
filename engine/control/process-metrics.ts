import type { MetricFamily } from './prometheus-text.js';

/**
 * The process's memory in the names Prometheus client libraries use, so dashboards made for
 * any Node service read them, and a fuzz run can show memory back at its baseline afterwards.
 */
export function processMetrics(usage: NodeJS.MemoryUsage = process.memoryUsage()): MetricFamily[] {
  const gauge = (name: string, help: string, value: number): MetricFamily => ({
    name,
    type: 'gauge',
    help,
    samples: [{ labels: {}, value }],
  });
  return [
    gauge('process_resident_memory_bytes', 'resident set size of the member process', usage.rss),
    gauge('nodejs_heap_size_used_bytes', 'V8 heap in use', usage.heapUsed),
    gauge('nodejs_external_memory_bytes', 'memory of buffers outside the V8 heap', usage.external),
  ];
}
