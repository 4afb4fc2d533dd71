@topology:parallel-queues
Feature: A parallel sender's queues honour batch conflation
  Each bucket queue of a parallel sender conflates queued updates of a key as a serial
  sender's queue does (QUEUE-5; issue 14, finding 4). Persistence and overflow of parallel
  queues are in parallel-persistence.feature.

  Background:
    Given the topology "parallel-queues" is running

  @clause:QUEUE-5 @clause:ARCH-3 @needs:applied-log
  Scenario: With batch conflation, a parallel sender's queued updates of a key go as the latest one only
    When I pause sender "par-conflated" at site 1
    And I put 10 rounds of updates to 10 keys with prefix "c" in one request in region "conflated" at site 1
    Then the queue of sender "par-conflated" at site 1 holds 20 events
    And sender "par-conflated" at site 1 counts 80 "eventsConflated"
    When I resume sender "par-conflated" at site 1
    Then site 2 eventually has 10 entries in region "conflated"
    And every key with prefix "c" in region "conflated" at site 2 eventually holds "round-9"
    And site 2 applied 20 events in region "conflated"
