// cucumber-js configuration. Steps are compiled (npm run build) to dist/steps.
export default {
  paths: ['features/**/*.feature'],
  import: ['dist/steps/**/*.js'],
  format: [
    'progress',
    'html:reports/cucumber.html',
    'message:reports/cucumber-messages.ndjson',
    'junit:reports/cucumber-junit.xml',
  ],
  formatOptions: { junit: { suiteName: 'wanlab' } },
  strict: true,
};
