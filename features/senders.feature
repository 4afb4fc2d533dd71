@topology:sender-lab
Feature: A serial sender splits its queue into dispatcher lanes by order policy
  A serial sender has 5 dispatchers by default. Its logical queue is split into that many
  physical queues, each with its own dispatcher and connection; the order policy decides
  which events share a lane, and so which order is kept (SEND-4, SEND-8).

  Background:
    Given the topology "sender-lab" is running

  @clause:SEND-8 @needs:dispatcher-status
  Scenario: By default a sender has 5 dispatchers, each with its own queue and connection
    Then sender "plain" at site 1 has the attributes:
      | dispatcherThreads | 5   |
      | orderPolicy       | key |
    And sender "plain" at site 1 has 5 dispatchers
    When I put 200 entries with prefix "d" in one request in region "plain" at site 1
    Then site 2 eventually has 200 entries in region "plain"
    And every dispatcher of sender "plain" at site 1 has distributed events
    And the receiver at site 2 eventually has 5 connections from sender "plain"

  @clause:SEND-4 @clause:SEND-8 @needs:applied-log @needs:dispatcher-status
  Scenario: Under order policy key, five dispatchers keep the updates of every key in order
    When I put 10 rounds of updates to 23 keys with prefix "o" in one request in region "keyed" at site 1
    Then site 2 eventually has 23 entries in region "keyed"
    And every key with prefix "o" in region "keyed" at site 2 eventually holds "round-9"
    And site 2 applied the 10 rounds of every key with prefix "o" in region "keyed" in order
    And every dispatcher of sender "keyed" at site 1 has distributed events

  @clause:SEND-4 @clause:SEND-8 @needs:applied-log
  Scenario: Under order policy thread, five dispatchers keep each client thread's events in order
    When 4 client threads each put 40 entries with prefix "t" in region "threaded" at site 1
    Then site 2 eventually has 160 entries in region "threaded"
    And site 2 applied the events of every client thread in region "threaded" in the order they were made
