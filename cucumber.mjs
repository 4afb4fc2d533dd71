// cucumber-js configuration. Steps are compiled (npm run build) to dist/steps.
// No `paths`: cucumber's default is features/**/*.feature, and paths named on the command line
// (`wanlab test features/x.feature`) then replace it instead of being added to it.
// Reports go to reports/ (WANLAB_REPORTS_DIR moves them, e.g. for tests of the harness itself).
const reports = process.env.WANLAB_REPORTS_DIR || 'reports';

export default {
  import: ['dist/steps/**/*.js'],
  format: [
    'progress',
    `html:${reports}/cucumber.html`,
    `message:${reports}/cucumber-messages.ndjson`,
    `junit:${reports}/cucumber-junit.xml`,
  ],
  formatOptions: { junit: { suiteName: 'wanlab' } },
  strict: true,
};
