/**
 * A benchmark plugs into `npm run bench -- <name>` by exporting one of these from a module
 * registered in bench/main.ts. Its report is written to bench/results/<name>.json.
 */
export interface Benchmark {
  name: string;
  description: string;
  /** Extra command-line options, after the benchmark name; `--help` lists them. */
  usage: string;
  run(args: readonly string[]): Promise<BenchReport>;
  /**
   * The same measurement on several engines side by side in one run (`--engine a,b`), with
   * the first engine's figures over each other's. Absent: the benchmark runs one engine.
   */
  compare?(engines: readonly string[], args: readonly string[]): Promise<BenchReport>;
}

/** Figures with units in their names, ratios against a baseline measured in the same run. */
export interface BenchReport {
  benchmark: string;
  command: string;
  startedAt: string;
  machine: MachineInfo;
  [field: string]: unknown;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: the machine is shared. */
  loadAverage1mAtStart: number;
}
