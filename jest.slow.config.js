/** `npm run test:slow`: the soak, the webhook load test and the fuzzing (see jest.config.js). */
module.exports = require('./jest.config').slow;
