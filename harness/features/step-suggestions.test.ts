import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestSteps, wordDistance } from './step-suggestions.js';

const DEFINED = [
  'I put {string} = {string} in region {string} at site {site}',
  'I put {int} entries with prefix {string} in region {string} at site {site}',
  'I destroy {string} in region {string} at site {site}',
  'site {site} eventually has {string} = {string} in region {string}',
  'site {site} eventually has {int} entries in region {string}',
  'the link from site {site} to site {site} is cut',
  'the link from site {site} to site {site} is restored',
  'the queue of sender {string} at site {site} is eventually empty',
  'region {string} at site {site} has {int} entr(y)/entries',
];

const first = (text: string): string | undefined => nearestSteps(text, DEFINED)[0]?.expression;

test('a misspelt word ranks its step first', () => {
  assert.equal(first('I putt "k1" = "v1" in region "data" at site 1'), DEFINED[0]);
  assert.equal(first('site 2 eventualy has "k" = "v" in region "data"'), DEFINED[3]);
});

test('a missing or extra word ranks its step first', () => {
  assert.equal(first('I put 5 entries in region "data" at site 1'), DEFINED[1]);
  assert.equal(first('the queue of gateway sender "s" at site 1 is eventually empty'), DEFINED[7]);
});

test('a wrong argument kind (a number for a quoted text) still finds the step', () => {
  assert.equal(first('I destroy k1 in region "data" at site 1'), DEFINED[2]);
});

test('the nearest of several similar steps come in order, at most three', () => {
  const suggestions = nearestSteps('the link from site 1 to site 2 is severed', DEFINED);
  assert.deepEqual(suggestions.map((s) => s.expression).sort(), [DEFINED[5], DEFINED[6]].sort());
  assert.ok(suggestions[0]!.distance <= suggestions[1]!.distance);
});

test('optional text and alternatives of an expression match exactly', () => {
  const [best] = nearestSteps('region "r" at site 1 has 1 entry', DEFINED);
  assert.equal(best?.expression, DEFINED[8]);
  assert.equal(best?.distance, 0);
});

test('a step about something else gets no suggestion', () => {
  assert.deepEqual(nearestSteps('I launch the rocket', DEFINED), []);
});

test('word distance is 0 for equal words and 1 for unrelated ones', () => {
  assert.equal(wordDistance('put', 'put'), 0);
  assert.equal(wordDistance('abc', 'xyz'), 1);
  assert.equal(wordDistance('putt', 'put'), 0.25);
});
